package dev.flinkopslab.platform.deployments;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * What the user wants: the only thing the user writes; the reconciler reads it and writes the status.
 * Left out: allowNonRestoredState false, upgradeStrategy STATEFUL, restoreStrategy LATEST_SAVEPOINT, both attempt limits 3,
 * savepoints null (no periodic savepoints, no retention).
 */
public record DeploymentSpec(
        @NotNull DesiredState state,
        UpgradeStrategy upgradeStrategy,
        RestoreStrategy restoreStrategy,
        Boolean allowNonRestoredState,
        @NotNull @Valid Template template,
        @NotNull @Valid Target target,
        @Min(1) @Max(100) Integer maxSavepointCreationAttempts,
        @Min(1) @Max(100) Integer maxJobCreationAttempts,
        @Valid SavepointSchedule savepoints) {

    public DeploymentSpec {
        allowNonRestoredState = allowNonRestoredState != null && allowNonRestoredState;
        upgradeStrategy = upgradeStrategy == null ? UpgradeStrategy.STATEFUL : upgradeStrategy;
        restoreStrategy = restoreStrategy == null ? RestoreStrategy.LATEST_SAVEPOINT : restoreStrategy;
        maxSavepointCreationAttempts = maxSavepointCreationAttempts == null ? 3 : maxSavepointCreationAttempts;
        maxJobCreationAttempts = maxJobCreationAttempts == null ? 3 : maxJobCreationAttempts;
    }

    /** The job: which artifact's entry class runs, with which arguments, parallelism and Flink configuration. */
    public record Template(
            @NotNull Long artifactId,
            @NotBlank String entryClass,
            List<String> programArgs,
            @NotNull @Min(1) Integer parallelism,
            Map<String, String> flinkConfiguration) {
        public Template {
            programArgs = programArgs == null ? List.of() : List.copyOf(programArgs);
            flinkConfiguration = flinkConfiguration == null ? Map.of() : Map.copyOf(flinkConfiguration);
        }
    }

    /** Where the job runs: for now a session cluster by its REST URL. */
    public record Target(
            @NotNull TargetType type,
            @NotBlank @jakarta.validation.constraints.Pattern(regexp = "https?://[^\\s/]+(/\\S*)?",
                    message = "must be an http(s) URL like http://localhost:8081") String restUrl) {}

    public DeploymentSpec withState(DesiredState newState) {
        return new DeploymentSpec(newState, upgradeStrategy, restoreStrategy, allowNonRestoredState, template, target,
                maxSavepointCreationAttempts, maxJobCreationAttempts, savepoints);
    }

    /** Whether the job itself differs (template or target): what an upgrade is about, unlike a state change. */
    public boolean jobDiffers(DeploymentSpec other) {
        return other == null || !template.equals(other.template) || !target.equals(other.target)
                || !allowNonRestoredState.equals(other.allowNonRestoredState);
    }
}
