package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentRequest;
import dev.flinkopslab.platform.deployments.DeploymentSpec;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Metadata;
import dev.flinkopslab.platform.deployments.RestoreStrategy;
import dev.flinkopslab.platform.deployments.UpgradeStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The create / edit form's fields: the training's (name, upgrade strategy, initial state, restore strategy,
 * parallelism, JobManager/TaskManager CPU and memory, artifact and entry class, program arguments, Flink
 * configuration). What the form does not show (labels, target, attempts, savepoint schedule, rollback, slots per
 * TaskManager) is kept from the deployment being edited. Bound by Spring MVC, hence a mutable bean.
 */
public class DeploymentForm {
    private String name = "";
    private UpgradeStrategy upgradeStrategy = UpgradeStrategy.STATEFUL;
    private DesiredState state = DesiredState.RUNNING;
    private RestoreStrategy restoreStrategy = RestoreStrategy.LATEST_SAVEPOINT;
    private Integer parallelism = 1;
    private Double jobManagerCpu = 1.0;
    private String jobManagerMemory = "1g";
    private Double taskManagerCpu = 1.0;
    private String taskManagerMemory = "2g";
    private Long artifactId;
    private String entryClass = "";
    private String programArgs = "";
    private String flinkConfiguration = "";

    /** The form for a new deployment of {@code artifactId} (or none yet). */
    static DeploymentForm defaults(Long artifactId) {
        DeploymentForm f = new DeploymentForm();
        f.artifactId = artifactId;
        return f;
    }

    static DeploymentForm of(Deployment d) {
        DeploymentForm f = new DeploymentForm();
        DeploymentSpec s = d.spec();
        DeploymentSpec.Template t = s.template();
        f.name = d.metadata().name();
        f.upgradeStrategy = s.upgradeStrategy();
        f.state = s.state();
        f.restoreStrategy = s.restoreStrategy();
        f.parallelism = t.parallelism();
        f.jobManagerCpu = t.resources().jobManager().cpu();
        f.jobManagerMemory = t.resources().jobManager().memory();
        f.taskManagerCpu = t.resources().taskManager().cpu();
        f.taskManagerMemory = t.resources().taskManager().memory();
        f.artifactId = t.artifactId();
        f.entryClass = t.entryClass();
        f.programArgs = ProgramArguments.join(t.programArgs());
        f.flinkConfiguration = t.flinkConfiguration().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        return f;
    }

    /**
     * The API request this form stands for; {@code current} (null for a create) gives what the form does not show.
     *
     * @throws FormException for a field whose text cannot even be read (the API's validation checks the rest)
     */
    DeploymentRequest toRequest(Deployment current) {
        DeploymentSpec base = current == null ? null : current.spec();
        DeploymentSpec.Template t = base == null ? null : base.template();
        DeploymentSpec.Resources resources = new DeploymentSpec.Resources(
                new DeploymentSpec.Resource(jobManagerCpu, blankToNull(jobManagerMemory)),
                new DeploymentSpec.Resource(taskManagerCpu, blankToNull(taskManagerMemory)));
        DeploymentSpec.Template template = new DeploymentSpec.Template(artifactId, entryClass, ProgramArguments.split(programArgs),
                parallelism, configuration(), t == null ? null : t.slotsPerTaskManager(), resources);
        DeploymentSpec spec = new DeploymentSpec(state, upgradeStrategy, restoreStrategy,
                base == null ? null : base.allowNonRestoredState(), template, base == null ? null : base.target(),
                base == null ? null : base.maxSavepointCreationAttempts(), base == null ? null : base.maxJobCreationAttempts(),
                base == null ? null : base.savepoints(), base == null ? null : base.rollback());
        Metadata metadata = new Metadata(name == null ? null : name.strip(), current == null ? null : current.metadata().labels());
        return new DeploymentRequest(metadata, spec);
    }

    /** What an edit changes, field by field (label: old → new), in the form's order. */
    static List<String> changes(DeploymentForm before, DeploymentForm after) {
        List<String> changes = new ArrayList<>();
        Map<String, String> b = before.shown();
        Map<String, String> a = after.shown();
        b.forEach((label, old) -> {
            String now = a.get(label);
            if (!old.equals(now)) {
                changes.add(label + ": " + (old.isEmpty() ? "(none)" : old) + " → " + (now.isEmpty() ? "(none)" : now));
            }
        });
        return changes;
    }

    private Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("upgrade strategy", String.valueOf(upgradeStrategy));
        m.put("state", String.valueOf(state));
        m.put("restore strategy", String.valueOf(restoreStrategy));
        m.put("parallelism", String.valueOf(parallelism));
        m.put("JobManager CPU", String.valueOf(jobManagerCpu));
        m.put("JobManager memory", String.valueOf(jobManagerMemory));
        m.put("TaskManager CPU", String.valueOf(taskManagerCpu));
        m.put("TaskManager memory", String.valueOf(taskManagerMemory));
        m.put("artifact", String.valueOf(artifactId));
        m.put("entry class", String.valueOf(entryClass));
        m.put("program arguments", ProgramArguments.join(ProgramArguments.split(programArgs)));
        m.put("Flink configuration", configuration().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")));
        return m;
    }

    /** The Flink configuration text: one {@code key: value} per line; blank lines and {@code #} comments skipped. */
    private Map<String, String> configuration() {
        Map<String, String> config = new LinkedHashMap<>();
        String[] lines = flinkConfiguration == null ? new String[0] : flinkConfiguration.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new FormException("flinkConfiguration", "line " + (i + 1) + " ('" + line
                        + "') is not 'key: value', e.g. 'execution.checkpointing.interval: 10 s'");
            }
            config.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return config;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public UpgradeStrategy getUpgradeStrategy() { return upgradeStrategy; }
    public void setUpgradeStrategy(UpgradeStrategy upgradeStrategy) { this.upgradeStrategy = upgradeStrategy; }
    public DesiredState getState() { return state; }
    public void setState(DesiredState state) { this.state = state; }
    public RestoreStrategy getRestoreStrategy() { return restoreStrategy; }
    public void setRestoreStrategy(RestoreStrategy restoreStrategy) { this.restoreStrategy = restoreStrategy; }
    public Integer getParallelism() { return parallelism; }
    public void setParallelism(Integer parallelism) { this.parallelism = parallelism; }
    public Double getJobManagerCpu() { return jobManagerCpu; }
    public void setJobManagerCpu(Double jobManagerCpu) { this.jobManagerCpu = jobManagerCpu; }
    public String getJobManagerMemory() { return jobManagerMemory; }
    public void setJobManagerMemory(String jobManagerMemory) { this.jobManagerMemory = jobManagerMemory; }
    public Double getTaskManagerCpu() { return taskManagerCpu; }
    public void setTaskManagerCpu(Double taskManagerCpu) { this.taskManagerCpu = taskManagerCpu; }
    public String getTaskManagerMemory() { return taskManagerMemory; }
    public void setTaskManagerMemory(String taskManagerMemory) { this.taskManagerMemory = taskManagerMemory; }
    public Long getArtifactId() { return artifactId; }
    public void setArtifactId(Long artifactId) { this.artifactId = artifactId; }
    public String getEntryClass() { return entryClass; }
    public void setEntryClass(String entryClass) { this.entryClass = entryClass; }
    public String getProgramArgs() { return programArgs; }
    public void setProgramArgs(String programArgs) { this.programArgs = programArgs; }
    public String getFlinkConfiguration() { return flinkConfiguration; }
    public void setFlinkConfiguration(String flinkConfiguration) { this.flinkConfiguration = flinkConfiguration; }
}
