package dev.flinkopslab.platform.deployments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * What the user wants: the only thing the user writes; the reconciler reads it and writes the status.
 * Left out: allowNonRestoredState false, upgradeStrategy STATEFUL, restoreStrategy LATEST_SAVEPOINT, both attempt
 * limits 3, target LOCAL (a cluster of its own), savepoints null (no periodic savepoints, no retention), rollback null
 * (a new spec that never runs stays failed).
 */
public record DeploymentSpec(
        @NotNull DesiredState state,
        UpgradeStrategy upgradeStrategy,
        RestoreStrategy restoreStrategy,
        Boolean allowNonRestoredState,
        @NotNull @Valid Template template,
        @Valid Target target,
        @Min(1) @Max(100) Integer maxSavepointCreationAttempts,
        @Min(1) @Max(100) Integer maxJobCreationAttempts,
        @Valid SavepointSchedule savepoints,
        @Valid Rollback rollback) {

    public DeploymentSpec {
        allowNonRestoredState = allowNonRestoredState != null && allowNonRestoredState;
        upgradeStrategy = upgradeStrategy == null ? UpgradeStrategy.STATEFUL : upgradeStrategy;
        restoreStrategy = restoreStrategy == null ? RestoreStrategy.LATEST_SAVEPOINT : restoreStrategy;
        maxSavepointCreationAttempts = maxSavepointCreationAttempts == null ? 3 : maxSavepointCreationAttempts;
        maxJobCreationAttempts = maxJobCreationAttempts == null ? 3 : maxJobCreationAttempts;
        target = target == null ? new Target(TargetType.LOCAL, null) : target;
    }

    /**
     * The job: which artifact's entry class runs, with which arguments, parallelism and Flink configuration, and
     * (LOCAL target) the cluster it gets. Left out: 1 slot per TaskManager, {@link Resources#DEFAULT}.
     */
    public record Template(
            @NotNull Long artifactId,
            @NotBlank String entryClass,
            List<String> programArgs,
            @NotNull @Min(1) Integer parallelism,
            Map<String, String> flinkConfiguration,
            @Min(1) @Max(64) Integer slotsPerTaskManager,
            @Valid Resources resources) {
        public Template {
            programArgs = programArgs == null ? List.of() : List.copyOf(programArgs);
            flinkConfiguration = flinkConfiguration == null ? Map.of() : Map.copyOf(flinkConfiguration);
            slotsPerTaskManager = slotsPerTaskManager == null ? 1 : slotsPerTaskManager;
            resources = resources == null ? Resources.DEFAULT : resources;
        }

        public Template(Long artifactId, String entryClass, List<String> programArgs, Integer parallelism,
                        Map<String, String> flinkConfiguration) {
            this(artifactId, entryClass, programArgs, parallelism, flinkConfiguration, null, null);
        }

        /** What a LOCAL cluster starts: enough TaskManagers for the parallelism. */
        public int taskManagers() {
            return (parallelism + slotsPerTaskManager - 1) / slotsPerTaskManager;
        }
    }

    /** The JobManager's and each TaskManager's CPU and memory (LOCAL target; a session cluster has its own). */
    public record Resources(@Valid Resource jobManager, @Valid Resource taskManager) {
        /** The training's seed: JobManager 1 CPU / 1G, TaskManager 1 CPU / 2G. */
        public static final Resources DEFAULT = new Resources(null, null);

        public Resources {
            jobManager = orDefault(jobManager, "1g");
            taskManager = orDefault(taskManager, "2g");
        }

        private static Resource orDefault(Resource given, String memory) {
            return given == null ? new Resource(null, memory) : given.memory() == null ? new Resource(given.cpu(), memory) : given;
        }
    }

    /**
     * @param cpu cores; a TaskManager's is {@code taskmanager.cpu.cores} (what its slots' resource profile says),
     *            not enforced by the operating system; left out: 1
     * @param memory Flink's total process size ({@code *.memory.process.size}), e.g. 1g, 1536m
     */
    public record Resource(
            @DecimalMin("0.1") @DecimalMax("64") Double cpu,
            @Pattern(regexp = "(?i)\\d+(m|g|mb|gb)", message = "must be a size like 1536m or 2g") String memory) {
        public Resource {
            cpu = cpu == null ? 1.0 : cpu;
        }

        /** The memory in MiB (the pattern is checked first). */
        public long memoryMiB() {
            String m = memory.toLowerCase(java.util.Locale.ROOT);
            long n = Long.parseLong(m.replaceAll("\\D", ""));
            return m.contains("g") ? n * 1024 : n;
        }
    }

    /** Where the job runs: LOCAL, its own application cluster; SESSION, the session cluster at {@code restUrl}. */
    public record Target(
            @NotNull TargetType type,
            @Pattern(regexp = "https?://[^\\s/]+(/\\S*)?",
                    message = "must be an http(s) URL like http://localhost:8081") String restUrl) {}

    /**
     * Opt-in rollback: a changed job (template or target) whose tasks do not all run within {@code readinessWindow}
     * of its first start, or whose start attempts run out, is replaced by the last spec that did run, restored as
     * the restore strategy says. The duration is the text the user wrote (ISO-8601 like {@code PT2M}, or {@code 2m}).
     */
    public record Rollback(@NotBlank String readinessWindow) {
        public static final java.time.Duration MIN_WINDOW = java.time.Duration.ofSeconds(10);

        public java.time.Duration readinessWindowDuration() {
            return org.apache.flink.util.TimeUtils.parseDuration(readinessWindow);
        }
    }

    public DeploymentSpec withState(DesiredState newState) {
        return new DeploymentSpec(newState, upgradeStrategy, restoreStrategy, allowNonRestoredState, template, target,
                maxSavepointCreationAttempts, maxJobCreationAttempts, savepoints, rollback);
    }

    /** Whether the job itself differs (template or target): what an upgrade is about, unlike a state change. */
    public boolean jobDiffers(DeploymentSpec other) {
        return other == null || !template.equals(other.template) || !target.equals(other.target)
                || !allowNonRestoredState.equals(other.allowNonRestoredState);
    }
}
