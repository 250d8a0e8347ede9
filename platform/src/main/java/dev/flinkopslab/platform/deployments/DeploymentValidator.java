package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactRepository;
import dev.flinkopslab.platform.artifacts.ArtifactStore;
import dev.flinkopslab.platform.artifacts.EntryClasses;
import dev.flinkopslab.platform.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What Bean Validation cannot check: the spec against its artifact (the entry class is one it offers) and its
 * target (LOCAL: the cluster it needs fits this machine's memory; SESSION, for a RUNNING spec: the cluster answers
 * and the parallelism fits its slots). Each refusal is a 400
 * naming the field.
 */
@Component
public class DeploymentValidator {
    private static final long MIN_PROCESS_MIB = 768;
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final FlinkTargets targets;

    public DeploymentValidator(ArtifactRepository artifacts, ArtifactStore store, FlinkTargets targets) {
        this.artifacts = artifacts;
        this.store = store;
        this.targets = targets;
    }

    public void validate(String namespace, DeploymentSpec spec) {
        checkSchedule(spec.savepoints());
        checkRollback(spec.rollback());
        DeploymentSpec.Template t = spec.template();
        Artifact artifact = artifacts.find(namespace, t.artifactId()).orElseThrow(() -> invalid("spec.template.artifactId",
                "no artifact " + t.artifactId() + " in namespace '" + namespace + "'; upload the JAR first"));
        List<String> offered = EntryClasses.of(store.file(artifact.sha256())).entryClasses();
        if (!offered.contains(t.entryClass())) {
            throw invalid("spec.template.entryClass", "artifact " + artifact.id() + " (" + artifact.fileName()
                    + ") has no entry class '" + t.entryClass() + "'; it offers " + shortList(offered));
        }
        DeploymentSpec.Target target = spec.target();
        if (target.type() == TargetType.SESSION && target.restUrl() == null) {
            throw invalid("spec.target.restUrl", "a SESSION target needs its cluster's REST URL, e.g. http://localhost:8081");
        }
        if (target.type() == TargetType.LOCAL) {
            if (target.restUrl() != null) {
                throw invalid("spec.target.restUrl", "a LOCAL target's cluster is started by the platform; leave restUrl"
                        + " out, or set type SESSION to use the cluster at " + target.restUrl());
            }
            fitsThisMachine(t);
            return;
        }
        if (spec.state() != DesiredState.RUNNING) {
            return; // the target matters when a job is to run: a cluster that is down must not block a suspend or cancel
        }
        int slots = totalSlots(target);
        if (t.parallelism() > slots) {
            throw invalid("spec.template.parallelism", t.parallelism() + " is more than the " + slots
                    + " slots of the session cluster at " + target.restUrl());
        }
    }

    /** A LOCAL cluster's processes together must fit this machine's memory (Flink sizes each JVM to its process size). */
    private static void fitsThisMachine(DeploymentSpec.Template t) {
        DeploymentSpec.Resources r = t.resources();
        for (var memory : java.util.Map.of("jobManager", r.jobManager(), "taskManager", r.taskManager()).entrySet()) {
            if (memory.getValue().memoryMiB() < MIN_PROCESS_MIB) {
                throw invalid("spec.template.resources." + memory.getKey() + ".memory", memory.getValue().memory()
                        + " is below the " + MIN_PROCESS_MIB + "m a Flink process needs (its metaspace and overhead alone take ~450m)");
            }
        }
        long needed = r.jobManager().memoryMiB() + t.taskManagers() * r.taskManager().memoryMiB();
        long machine = machineMemoryMiB();
        if (needed > machine) {
            throw invalid("spec.template.parallelism", t.parallelism() + " at " + t.slotsPerTaskManager()
                    + " slot(s) per TaskManager needs " + t.taskManagers() + " TaskManager(s) × " + r.taskManager().memory()
                    + " + a " + r.jobManager().memory() + " JobManager = " + needed + " MiB; this machine has " + machine
                    + " MiB: lower the parallelism or the memory, or raise slotsPerTaskManager");
        }
    }

    private static long machineMemoryMiB() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getTotalMemorySize() / (1024 * 1024);
    }

    private static void checkSchedule(SavepointSchedule schedule) {
        if (schedule == null) {
            return;
        }
        Duration interval = duration("spec.savepoints.interval", schedule.interval(), schedule::intervalDuration);
        if (interval != null && interval.compareTo(SavepointSchedule.MIN_INTERVAL) < 0) {
            throw invalid("spec.savepoints.interval", "'" + schedule.interval() + "' is shorter than the minimum of "
                    + SavepointSchedule.MIN_INTERVAL.toSeconds() + " s");
        }
        Duration maxAge = duration("spec.savepoints.maxAge", schedule.maxAge(), schedule::maxAgeDuration);
        if (maxAge != null && maxAge.isZero()) {
            throw invalid("spec.savepoints.maxAge", "must be longer than 0");
        }
    }

    private static void checkRollback(DeploymentSpec.Rollback rollback) {
        if (rollback == null) {
            return;
        }
        Duration window = duration("spec.rollback.readinessWindow", rollback.readinessWindow(), rollback::readinessWindowDuration);
        if (window.compareTo(DeploymentSpec.Rollback.MIN_WINDOW) < 0) {
            throw invalid("spec.rollback.readinessWindow", "'" + rollback.readinessWindow() + "' is shorter than the minimum of "
                    + DeploymentSpec.Rollback.MIN_WINDOW.toSeconds() + " s (a job needs time to deploy its tasks; a LOCAL"
                    + " one to start its cluster too)");
        }
    }

    private static Duration duration(String field, String text, Supplier<Duration> parsed) {
        try {
            return parsed.get();
        } catch (IllegalArgumentException e) {
            throw invalid(field, "'" + text.replaceAll("\\s+", " ") + "' is not a duration; write it as ISO-8601 (PT10M)"
                    + " or like 10m, 30 s, 1 h");
        }
    }

    private int totalSlots(DeploymentSpec.Target target) {
        try {
            return targets.cluster(target.restUrl()).overview().getNumSlotsTotal();
        } catch (FlinkRestException e) {
            throw invalid("spec.target.restUrl", "no Flink session cluster answers at " + target.restUrl() + " ("
                    + e.getMessage() + ")");
        }
    }

    private static String shortList(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }

    static ApiException invalid(String field, String why) {
        return ApiException.invalidField(field, why);
    }
}
