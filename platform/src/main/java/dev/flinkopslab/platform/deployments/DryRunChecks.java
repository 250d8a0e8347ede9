package dev.flinkopslab.platform.deployments;

import static dev.flinkopslab.platform.deployments.DeploymentValidator.invalid;

import dev.flinkopslab.flink.FlinkErrors;
import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.ops.OwnProcesses;
import dev.flinkopslab.platform.PlatformProperties;
import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactRepository;
import dev.flinkopslab.platform.artifacts.ArtifactStore;
import dev.flinkopslab.platform.web.ApiException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.core.security.FlinkSecurityManager;
import org.apache.flink.core.security.UserSystemExitException;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a dry run of a RUNNING spec checks beyond {@link DeploymentValidator}, each finding added to the plan and
 * each problem a 400 naming the field: Flink's client compiles the job graph in this process (the entry class's
 * main runs here: dry runs only, an apply never runs user code in the platform); a start that restores finds its
 * savepoint's {@code _metadata}; a session cluster has the slots free now, counting those the deployment's own job
 * gives back.
 */
@Component
public class DryRunChecks {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DryRunChecks.class);
    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);
    private static final String PROGRAM_ARGS = "spec.template.programArgs";
    private static final String METADATA = "_metadata";
    private static final int NAMED_TASKS = 8;
    private static final int MAX_NAME = 120;
    private static final int MAX_CAUSE = 500;

    /**
     * One compile at a time: Flink's client swaps the JVM-wide System.out/err while a main runs (suppressOutput), so
     * two overlapping compiles could leave them pointing at a dead buffer.
     */
    private final Semaphore compiling = new Semaphore(1);
    private static boolean exitGuarded;
    private volatile String compilingNow;

    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final PlatformProperties props;
    private final JobConfiguration jobConfiguration;
    private final RestorePoints restorePoints;
    private final FlinkTargets targets;
    private final TransactionTemplate tx;

    public DryRunChecks(ArtifactRepository artifacts, ArtifactStore store, PlatformProperties props,
                        JobConfiguration jobConfiguration, RestorePoints restorePoints, FlinkTargets targets,
                        TransactionTemplate tx) {
        this.artifacts = artifacts;
        this.store = store;
        this.props = props;
        this.jobConfiguration = jobConfiguration;
        this.restorePoints = restorePoints;
        this.targets = targets;
        this.tx = tx;
    }

    /** A create: nothing to restore yet, and no job of its own holds slots. */
    public String forCreate(String namespace, Metadata metadata, DeploymentSpec spec, String plan) {
        if (spec.state() != DesiredState.RUNNING) {
            return plan;
        }
        // never stored: JobConfiguration only needs its namespace and name for the default directories
        Deployment unsaved = new Deployment(0, namespace, metadata, spec, DeploymentStatus.initial(), 0, null, null, null);
        List<String> findings = new ArrayList<>();
        if (spec.target().type() == TargetType.SESSION) {
            findings.add(freeSlots(null, spec));
        }
        findings.add(compile(unsaved, spec));
        return plan + "; " + String.join("; ", findings);
    }

    /** A replace or a patch that changes the spec, from what the deployment runs now. */
    public String forReplace(Deployment current, DeploymentSpec next, String plan) {
        if (next.state() != DesiredState.RUNNING) {
            return plan;
        }
        Deployment applied = new Deployment(current.id(), current.namespace(), current.metadata(), next, current.status(),
                current.generation(), current.createdBy(), current.createdAt(), current.updatedAt());
        List<String> findings = new ArrayList<>();
        Start start = start(current, next);
        if (start == Start.PER_RESTORE_STRATEGY && next.restoreStrategy() != RestoreStrategy.NONE) {
            findings.add(restore(applied));
        }
        if (start != Start.NONE && next.target().type() == TargetType.SESSION) {
            findings.add(freeSlots(current, next));
        }
        findings.add(compile(applied, next));
        return plan + "; " + String.join("; ", findings);
    }

    /** Whether the apply starts a job now, and from what; the same rules as {@link ApplyPlan#forReplace}. */
    private enum Start { NONE, PER_RESTORE_STRATEGY, FROM_UPGRADE_SAVEPOINT }

    private static Start start(Deployment current, DeploymentSpec next) {
        if (current.status().jobId() == null) {
            return Start.PER_RESTORE_STRATEGY;
        }
        if (!next.jobDiffers(current.status().lastReconciledSpec())) {
            return Start.NONE;
        }
        return switch (next.upgradeStrategy()) {
            case STATEFUL -> Start.FROM_UPGRADE_SAVEPOINT; // taken by the upgrade itself: nothing to check yet
            case STATELESS -> Start.PER_RESTORE_STRATEGY;
            case NONE -> Start.NONE;
        };
    }

    // --- restore

    /** What the start would restore, chosen as the reconciler chooses it; a savepoint whose _metadata is gone is refused. */
    private String restore(Deployment d) {
        Optional<String> path = switch (d.spec().restoreStrategy()) {
            case NONE -> Optional.empty();
            case LATEST_SAVEPOINT -> restorePoints.latestSavepoint(d);
            // latestState records a retained checkpoint it picks; rolled back, so the dry run writes nothing
            case LATEST_STATE -> tx.execute(s -> {
                s.setRollbackOnly();
                return restorePoints.latestState(d);
            });
        };
        if (path.isEmpty()) {
            return "no savepoint to restore yet: empty state";
        }
        String location = path.get();
        boolean savepoint = restorePoints.latestSavepoint(d).filter(location::equals).isPresent();
        String what = (savepoint ? "savepoint " : "retained checkpoint ") + location;
        Path metadata = location.endsWith("/" + METADATA) ? new Path(location) : new Path(new Path(location), METADATA);
        try {
            if (!metadata.getFileSystem().exists(metadata)) {
                throw invalid("spec.restoreStrategy", "the start would restore " + what + ", but " + metadata
                        + " does not exist; " + (d.status().jobId() != null
                        ? "set spec.upgradeStrategy STATEFUL to take a new savepoint first, or spec.restoreStrategy NONE to start with empty state"
                        : "set spec.restoreStrategy NONE to start with empty state (its next suspend takes a new savepoint)"));
            }
        } catch (IOException e) {
            // e.g. a scheme only the cluster has a file system plugin for: say so, do not refuse
            return "would restore from " + what + " (not checked from the platform: " + FlinkErrors.rootCause(e) + ")";
        }
        return "would restore from " + what;
    }

    // --- slots

    /** The session cluster's free slots now, plus those the deployment's current job there gives back on the upgrade. */
    private String freeSlots(Deployment current, DeploymentSpec next) {
        String url = next.target().restUrl();
        int free;
        try {
            free = targets.cluster(url).overview().getNumSlotsAvailable();
        } catch (FlinkRestException e) {
            throw invalid("spec.target.restUrl", "no Flink session cluster answers at " + url + " (" + e.getMessage() + ")");
        }
        int held = heldOn(url, current);
        int p = next.template().parallelism();
        String slots = free + " free slot(s)" + (held > 0 ? " + " + held + " that job " + current.status().jobId()
                + " of this deployment gives back" : "");
        if (p > free + held) {
            throw invalid("spec.template.parallelism", p + " does not fit the session cluster at " + url + " now: it has "
                    + slots + "; other jobs hold the rest: lower the parallelism or stop one of them");
        }
        return "the session cluster has " + slots + " for parallelism " + p;
    }

    private int heldOn(String url, Deployment current) {
        if (current == null || current.status().jobId() == null) {
            return 0;
        }
        DeploymentSpec running = current.status().lastReconciledSpec();
        if (running == null || running.target().type() != TargetType.SESSION || !url.equals(running.target().restUrl())) {
            return 0;
        }
        try {
            JobDetailsInfo job = targets.jobs(url).details(JobID.fromHexString(current.status().jobId()));
            if (job.getJobStatus().isGloballyTerminalState()) {
                return 0;
            }
            // one slot sharing group (Flink's default): a job holds as many slots as its highest task parallelism
            return job.getJobVertexInfos().stream().mapToInt(JobDetailsInfo.JobVertexDetailsInfo::getParallelism).max().orElse(0);
        } catch (FlinkRestException e) {
            return 0; // gone from the cluster: it holds nothing
        }
    }

    // --- compile

    /** The job graph, compiled on a thread of its own so that a main that hangs cannot hang the request. */
    private String compile(Deployment d, DeploymentSpec spec) {
        DeploymentSpec.Template t = spec.template();
        Artifact artifact = artifacts.find(d.namespace(), t.artifactId()).orElseThrow(); // the validator found it
        File jar = store.file(artifact.sha256()).toFile();
        Configuration configuration = Configuration.fromMap(jobConfiguration.of(d, spec));
        String who = t.entryClass() + " of deployment '" + d.metadata().name() + "' (since " + Instant.now() + ")";
        FutureTask<String> task = new FutureTask<>(() -> {
            compiling.acquire();
            compilingNow = who;
            try {
                return compileHere(jar, t, configuration);
            } finally {
                compilingNow = null;
                compiling.release();
            }
        });
        Thread thread = new Thread(task, "dry-run-compile-" + d.metadata().name());
        thread.setDaemon(true); // a main that never returns must not keep the platform from exiting
        thread.start();
        try {
            return task.get(COMPILE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String busy = compilingNow;
            task.cancel(true);
            if (busy != null && !busy.equals(who)) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "another dry run's job compile still runs: the main of "
                        + busy + "; try again later (a main that never returns ends only with the platform)");
            }
            throw invalid(PROGRAM_ARGS, "the entry class's main did not build its job within " + COMPILE_TIMEOUT.toSeconds()
                    + " s; it must define the job and call execute() without waiting for anything");
        } catch (ExecutionException e) {
            if (org.apache.flink.util.ExceptionUtils.findThrowable(e, UserSystemExitException.class).isPresent()) {
                throw invalid(PROGRAM_ARGS, "the entry class's main called System.exit; a job's main must define the job,"
                        + " call execute() and return (the platform stopped the exit)");
            }
            String cause = FlinkErrors.rootCause(e.getCause());
            throw invalid(PROGRAM_ARGS, "the entry class's main failed: "
                    + (cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) + "..." : cause));
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the job graph", e);
        }
    }

    private String compileHere(File jar, DeploymentSpec.Template t, Configuration configuration) throws Exception {
        guardSystemExit();
        // close: the user class loader, and the temp copies of JARs nested in the artifact
        try (PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(jar)
                .setEntryPointClassName(t.entryClass())
                .setArguments(t.programArgs().toArray(String[]::new))
                .setConfiguration(configuration)
                .setUserClassPaths(connectors())
                .build()) {
            return describe(PackagedProgramUtils.createJobGraph(program, configuration, t.parallelism(), true));
        }
    }

    /**
     * Installs Flink's security manager, as Flink's own JobManager does for the mains it runs, once, at the first dry
     * run: {@link PackagedProgram} watches the thread that runs a main (and the threads it starts), and the manager
     * turns a System.exit there into an exception; it allows everything else. A JVM that
     * refuses security managers (JDK 18+ without {@code -Djava.security.manager=allow}) runs dry runs unguarded.
     */
    private static synchronized void guardSystemExit() {
        if (exitGuarded) {
            return;
        }
        exitGuarded = true;
        try {
            FlinkSecurityManager.setFromConfiguration(new Configuration()
                    .set(ClusterOptions.INTERCEPT_USER_SYSTEM_EXIT, ClusterOptions.UserSystemExitMode.THROW));
        } catch (RuntimeException e) {
            LOG.warn("dry runs cannot stop a job's main from calling System.exit: {}", e.getMessage());
        }
    }

    /**
     * The jars the clusters run on, for the connectors a job JAR leaves to them (the file sink, Kafka): child-first
     * user code finds them here, and Flink's parent-first patterns keep Flink's own classes the platform's.
     */
    private List<URL> connectors() {
        if (props.flinkClasspath() == null) {
            return List.of();
        }
        String classpath;
        try {
            classpath = OwnProcesses.classpath(props.flinkClasspath());
        } catch (OwnProcesses.MissingClasspathException e) {
            return List.of(); // the job JAR then has to bring its connectors; a missing one is the main's error
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            try {
                urls.add(java.nio.file.Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("not a path in " + props.flinkClasspath() + ": " + entry, e);
            }
        }
        return urls;
    }

    private static String describe(JobGraph graph) {
        List<JobVertex> tasks = graph.getVerticesSortedTopologicallyFromSources();
        int highest = tasks.stream().mapToInt(JobVertex::getParallelism).max().orElse(0);
        String names = tasks.stream().limit(NAMED_TASKS).map(v -> clip(v.getName()))
                .collect(Collectors.joining(", "));
        if (tasks.size() > NAMED_TASKS) {
            names += " and " + (tasks.size() - NAMED_TASKS) + " more";
        }
        return "Flink compiled the job graph: " + tasks.size() + " task(s) (" + names + "), highest parallelism " + highest;
    }

    private static String clip(String name) {
        String line = Arrays.stream(name.split("\\R")).collect(Collectors.joining(" "));
        return line.length() > MAX_NAME ? line.substring(0, MAX_NAME) + "..." : line;
    }
}
