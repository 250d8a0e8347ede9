package dev.flinkopslab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkopslab.cli.UpgradeFigures.Baseline;
import dev.flinkopslab.cli.UpgradeFigures.Gap;
import dev.flinkopslab.cli.UpgradeFigures.OutputCheck;
import dev.flinkopslab.cli.UpgradeFigures.Upgrade;
import dev.flinkopslab.cli.UpgradeWatcher.Commit;
import dev.flinkopslab.ops.OwnProcesses;
import dev.flinkopslab.ops.OwnProcesses.MissingClasspathException;
import dev.flinkopslab.ops.cluster.ClusterConfig;
import dev.flinkopslab.ops.cluster.LocalCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lab bench upgrade}: how long a STATEFUL upgrade interrupts the output. Starts a platform process of its own
 * (free port, temp data dir, the admin's password through the environment), logs in, uploads the job JAR and applies
 * a LOCAL deployment of the measurement job — unbounded generator at a steady rate, exactly-once file sink — then
 * upgrades it N times, parallelism 1 ↔ 2, and times each upgrade's phases from the deployment's events and from
 * what it sees outside: the committed part files ({@link UpgradeWatcher}) and the clusters' processes. At the end
 * it cancels the deployment through the API (the platform's clusters outlive the platform by design), stops the
 * platform, and checks that no process of its data dir is left.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure STATEFUL upgrades on the platform: the output gap and each phase's time, over N upgrades "
                + "between parallelism 1 and 2 of a LOCAL deployment (unbounded generator, exactly-once file sink).",
                "Starts its own platform (free port, temp data dir) and stops it and the job's clusters at the end."})
final class BenchUpgradeCommand implements Callable<Integer> {
    static final String DEPLOYMENT = "bench-upgrade";
    /** The goal the issue set for the output gap of one upgrade. */
    static final double GAP_GOAL_SECONDS = 10;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String ADMIN = "admin";

    @Spec
    CommandSpec spec;

    @Option(names = "--upgrades", defaultValue = "3", paramLabel = "<n>",
            description = "STATEFUL upgrades to measure, alternating parallelism 1 → 2 → 1 ... (default: ${DEFAULT-VALUE}).")
    int upgrades;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "<events/s>",
            description = "The generator's steady rate; its event time follows the wall clock (default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--checkpoint-interval", defaultValue = "1s", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "The job's checkpoint interval: the file sink commits at each checkpoint (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--baseline", defaultValue = "20s", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "How long to watch the output before the first upgrade (default: ${DEFAULT-VALUE}).")
    Duration baseline;

    @Option(names = "--settle", defaultValue = "15s", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "How long to watch the output after each upgrade's first commit (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--timeout", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "<duration>",
            description = "Longest wait for any one step before the bench gives up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--jar", paramLabel = "<file>",
            description = "The job JAR (default: pipeline/target/flink-ops-lab-job.jar, built by ./lab).")
    Path jar;

    @Option(names = "--output", paramLabel = "<file>", description = "The JSON report (default: target/bench/upgrade.json).")
    Path output;

    @Option(names = "--keep", description = "Keep the temp dir (platform data, clusters' logs, output) for a look.")
    boolean keep;

    private PrintWriter out;
    private long benchStart;

    @Override
    public Integer call() throws Exception {
        validate();
        Path jobJar = jar != null ? jar : OpsSupport.labHome().resolve("pipeline/target/flink-ops-lab-job.jar");
        if (!Files.isRegularFile(jobJar)) {
            throw new LabException("no job JAR at " + jobJar + "; build it with ./lab (or mvn -pl pipeline -am package -DskipTests)");
        }
        out = spec.commandLine().getOut();
        benchStart = System.currentTimeMillis();
        Path work = Files.createTempDirectory("lab-bench-upgrade-");
        Session session = new Session(work, jobJar);
        String loadBefore = loadAverage();
        out.printf(Locale.ROOT, "lab bench upgrade: %d STATEFUL upgrade(s), rate %d/s, checkpoints every %s, Flink %s, load %s (work dir %s)%n",
                upgrades, rate, DurationConverter.format(checkpointInterval), Lab.flinkVersion(), loadBefore, work);
        out.flush();
        boolean ok = false;
        try {
            Result result = session.run();
            ok = true;
            session.cleanUp(); // before the report: it says whether anything was left behind
            Path written = report(result, session, loadBefore);
            summary(result, session, written);
            return ExitCodes.OK;
        } finally {
            if (!ok) {
                session.cleanUp();
            }
            if (!keep && ok && session.leftBehind.isEmpty()) {
                deleteTree(work);
            } else {
                out.println("  work dir kept: " + work);
            }
            out.flush();
        }
    }

    private void validate() {
        if (upgrades < 1) {
            throw new ParameterException(spec.commandLine(), "--upgrades must be at least 1 (got " + upgrades + ")");
        }
        if (rate < 1) {
            throw new ParameterException(spec.commandLine(), "--rate must be positive: an unthrottled generator's event time runs "
                    + "ahead of the wall clock, and the window delays would mean nothing (got " + rate + ")");
        }
        for (Map.Entry<String, Duration> d : Map.of("--checkpoint-interval", checkpointInterval, "--baseline", baseline,
                "--settle", settle, "--timeout", timeout).entrySet()) {
            if (d.getValue().isZero() || d.getValue().isNegative()) {
                throw new ParameterException(spec.commandLine(), d.getKey() + " must be positive (got " + d.getValue() + ")");
            }
        }
    }

    record Result(Baseline baseline, List<Upgrade> upgrades, OutputCheck output) {}

    /** One event of the deployment's log. */
    record Event(long atMs, String type, String job, String message) {}

    /** The processes and the API of one bench run. */
    private final class Session {
        final Path work;
        final Path jobJar;
        final Path outputDir;
        final PlatformProcess platform;
        final List<String> leftBehind = new ArrayList<>();
        PlatformClient api;
        UpgradeWatcher watcher;
        boolean deployed;
        boolean cleanedUp;

        Session(Path work, Path jobJar) {
            this.work = work;
            this.jobJar = jobJar;
            this.outputDir = work.resolve("output");
            this.platform = new PlatformProcess(OpsSupport.labHome(), work.resolve("platform"));
        }

        Path clustersDir() {
            return platform.dataDir().resolve("clusters");
        }

        String deploymentPath() {
            return PlatformClient.path("namespaces", "default", "deployments", DEPLOYMENT);
        }

        Result run() throws Exception {
            String password = randomPassword();
            int port = OwnProcesses.freePort();
            PlatformProcess.Started started;
            try {
                started = platform.start(new PlatformProcess.Options(platform.dataDir(), port, null, null, null, null, password),
                        line -> progress("platform: " + line));
            } catch (MissingClasspathException e) {
                throw OpsSupport.buildFirst("platform", e);
            }
            progress("platform up at " + started.url() + " (pid " + started.pid() + ")");
            JsonNode token = PlatformClient.withPassword(started.url(), ADMIN, password.toCharArray())
                    .post("/api/v1/tokens", PlatformClient.JSON.createObjectNode().put("name", "lab bench upgrade"));
            api = PlatformClient.withToken(started.url(), token.path("token").asText(), "lab bench upgrade's login");
            long artifact = api.upload(PlatformClient.path("namespaces", "default", "artifacts"), jobJar).path("id").asLong();
            progress("logged in as " + ADMIN + ", uploaded " + jobJar.getFileName() + " as artifact " + artifact);

            watcher = new UpgradeWatcher(outputDir.resolve("windows"), clustersDir()).start();
            api.post(PlatformClient.path("namespaces", "default", "deployments"), deployment(artifact, 1));
            deployed = true;
            String job = awaitDeployment(d -> state(d).equals("RUNNING"), "the first job RUNNING").path("status").path("jobId").asText();
            progress("job " + job + " RUNNING at parallelism 1");
            awaitCommits(2, "output flowing");
            long baselineFrom = watcher.commits().get(0).seenMs();
            progress("output flows; watching it for " + DurationConverter.format(baseline) + " (baseline)");
            pause(baseline);
            Baseline base = baseline(watcher.commits(), baselineFrom);
            progress(String.format(Locale.ROOT, "baseline: a commit every %.2f s (median of %d), window results %.2f s after their window ended",
                    nullToNaN(base.commitIntervalMedianSeconds()), base.commits(), nullToNaN(base.windowDelayMedianSeconds())));

            List<Upgrade> measured = new ArrayList<>();
            int parallelism = 1;
            for (int i = 1; i <= upgrades; i++) {
                int to = parallelism == 1 ? 2 : 1;
                Upgrade u = upgrade(i, parallelism, to, job);
                measured.add(u);
                job = u.newJob();
                parallelism = to;
            }
            watcher.failure().ifPresent(f -> progress("note: the output watcher hit " + f));
            return new Result(base, measured, UpgradeFigures.check(watcher.commits()));
        }

        private Baseline baseline(List<Commit> commits, long fromMs) {
            List<Long> times = UpgradeFigures.commitTimes(commits);
            List<Double> intervals = UpgradeFigures.intervals(times);
            return new Baseline(checkpointInterval.toMillis() / 1000.0, times.size(), UpgradeFigures.median(intervals),
                    UpgradeFigures.max(intervals), UpgradeFigures.median(UpgradeFigures.windowDelays(commits, fromMs, Long.MAX_VALUE)));
        }

        /** One upgrade: PATCH the parallelism, then follow the events and the output until the new job commits. */
        private Upgrade upgrade(int index, int from, int to, String oldJob) throws Exception {
            String name = "upgrade " + index + "/" + upgrades;
            long t0 = System.currentTimeMillis();
            api.patch(deploymentPath(), PlatformClient.JSON.readTree("{\"spec\": {\"template\": {\"parallelism\": " + to + "}}}"));
            progress(name + ": PATCH parallelism " + from + " → " + to);
            Long triggered = null, completed = null, gone = null, submitted = null, running = null, firstOut = null;
            String newJob = null, savepoint = null;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (firstOut == null || running == null) {
                failIfStuck(name);
                List<Event> events = events(t0);
                if (triggered == null) {
                    triggered = find(events, "SAVEPOINT_TRIGGERED", oldJob, m -> true).map(Event::atMs).orElse(null);
                    phase(name, "savepoint triggered", t0, triggered);
                }
                if (completed == null) {
                    Optional<Event> e = find(events, "SAVEPOINT_COMPLETED", oldJob, m -> true);
                    completed = e.map(Event::atMs).orElse(null);
                    savepoint = e.map(ev -> ev.message().replaceFirst("^savepoint at ", "")).orElse(null);
                    phase(name, "savepoint completed", t0, completed);
                }
                if (gone == null && completed != null) {
                    OptionalLong at = watcher.clusterGoneAt(oldJob);
                    gone = at.isPresent() ? at.getAsLong() : null;
                    phase(name, "old cluster stopped", t0, gone);
                }
                if (submitted == null) {
                    Optional<Event> e = events.stream().filter(ev -> ev.type().equals("JOB_SUBMITTED") && !oldJob.equals(ev.job())).findFirst();
                    submitted = e.map(Event::atMs).orElse(null);
                    newJob = e.map(Event::job).orElse(null);
                    phase(name, "job " + newJob + " submitted to its new cluster", t0, submitted);
                }
                if (running == null && newJob != null) {
                    running = find(events, "STATE_CHANGED", newJob, m -> m.endsWith("-> RUNNING")).map(Event::atMs).orElse(null);
                    phase(name, "RUNNING, every task", t0, running);
                }
                // The old job cannot commit once its processes are gone, the new one not before its cluster is up.
                Long boundary = gone != null ? gone : submitted;
                if (firstOut == null && boundary != null) {
                    long b = boundary;
                    firstOut = UpgradeFigures.commitTimes(watcher.commits()).stream().filter(t -> t > b).findFirst().orElse(null);
                    phase(name, "first window results committed by the new job", t0, firstOut);
                }
                if (System.nanoTime() > deadline) {
                    throw new LabException(name + " did not complete within " + DurationConverter.format(timeout)
                            + "; the deployment's events: lab platform events " + DEPLOYMENT + " (the platform's log: " + platform.log() + ")");
                }
                pause(POLL);
            }
            long boundary = gone != null ? gone : submitted;
            pause(settle); // the windows of the downtime are committed in the catch-up after the first commit
            List<Commit> commits = watcher.commits();
            Optional<Gap> gap = UpgradeFigures.gap(UpgradeFigures.commitTimes(commits), boundary);
            Double maxDelay = UpgradeFigures.max(UpgradeFigures.windowDelays(commits, boundary + 1, System.currentTimeMillis()));
            Upgrade u = new Upgrade(index, from, to, oldJob, newJob, savepoint,
                    UpgradeFigures.seconds(t0, triggered), UpgradeFigures.seconds(triggered, completed),
                    UpgradeFigures.seconds(completed, gone), UpgradeFigures.seconds(gone, submitted),
                    UpgradeFigures.seconds(submitted, running), UpgradeFigures.seconds(submitted, firstOut),
                    gap.map(Gap::seconds).orElse(null), UpgradeFigures.seconds(t0, firstOut), maxDelay);
            progress(String.format(Locale.ROOT, "%s: output gap %.1f s, longest wait of a window result %.1f s", name,
                    nullToNaN(u.gapSeconds()), nullToNaN(u.maxWindowDelaySeconds())));
            return u;
        }

        private void phase(String name, String what, long t0, Long at) {
            if (at != null) {
                progress(String.format(Locale.ROOT, "%s: %s (+%.1f s)", name, what, (at - t0) / 1000.0));
            }
        }

        private Optional<Event> find(List<Event> events, String type, String job, Predicate<String> message) {
            return events.stream().filter(e -> e.type().equals(type) && job.equals(e.job()) && message.test(e.message())).findFirst();
        }

        /** The deployment's events since {@code sinceMs}, oldest first. */
        private List<Event> events(long sinceMs) {
            List<Event> events = new ArrayList<>();
            for (JsonNode e : api.get(deploymentPath() + "/events?limit=200")) {
                long at = Instant.parse(e.path("occurredAt").asText()).toEpochMilli();
                if (at >= sinceMs) {
                    events.add(new Event(at, e.path("type").asText(), e.path("flinkJobId").asText(null), e.path("message").asText("")));
                }
            }
            events.sort(Comparator.comparingLong(Event::atMs));
            return events;
        }

        /** A deployment that FAILED, or whose upgrade is stuck, will not get on: say why rather than wait. */
        private void failIfStuck(String what) {
            JsonNode d = api.get(deploymentPath());
            String error = d.path("status").path("lastError").asText("");
            if (state(d).equals("FAILED") || error.contains("stuck")) {
                throw new LabException(what + ": the deployment is " + state(d) + ": " + error);
            }
        }

        private JsonNode awaitDeployment(Predicate<JsonNode> condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonNode d = api.get(deploymentPath());
                if (d.path("status").path("intent").isNull() && condition.test(d)) {
                    return d;
                }
                if (state(d).equals("FAILED")) {
                    throw new LabException("waiting for " + what + ": the deployment FAILED: " + d.path("status").path("lastError").asText(""));
                }
                if (System.nanoTime() > deadline) {
                    throw new LabException("no " + what + " within " + DurationConverter.format(timeout) + "; the deployment is "
                            + state(d) + ": " + d.path("status").path("lastError").asText("") + " (log: " + platform.log() + ")");
                }
                pause(POLL);
            }
        }

        private void awaitCommits(int n, String what) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (UpgradeFigures.commitTimes(watcher.commits()).size() < n) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("no " + what + " within " + DurationConverter.format(timeout) + " in " + outputDir);
                }
                pause(POLL);
            }
        }

        /** Rest of the job's spec: the training's resources, LOCAL (the default target), restored from the newest savepoint. */
        private JsonNode deployment(long artifact, int parallelism) {
            ObjectNode d = PlatformClient.JSON.createObjectNode();
            d.putObject("metadata").put("name", DEPLOYMENT);
            ObjectNode s = d.putObject("spec");
            s.put("state", "RUNNING").put("upgradeStrategy", "STATEFUL").put("restoreStrategy", "LATEST_SAVEPOINT");
            ObjectNode t = s.putObject("template");
            t.put("artifactId", artifact).put("entryClass", "dev.flinkopslab.pipeline.MeasurementJob").put("parallelism", parallelism);
            ArrayNode args = t.putArray("programArgs");
            for (String a : List.of("--rate", Long.toString(rate), "--sink", "file", "--output-dir", outputDir.toString(),
                    "--checkpoint-interval", checkpointInterval.toMillis() + "ms", "--job-name", DEPLOYMENT)) {
                args.add(a);
            }
            ObjectNode r = t.putObject("resources");
            r.putObject("jobManager").put("cpu", 1).put("memory", "1G");
            r.putObject("taskManager").put("cpu", 1).put("memory", "1280m");
            return d;
        }

        /**
         * Cancel through the API and wait (the clusters outlive the platform by design), stop the platform, then
         * make sure no process of the data dir is left: one that is gets stopped here and is reported.
         */
        void cleanUp() {
            if (cleanedUp) {
                return;
            }
            cleanedUp = true;
            if (watcher != null) {
                watcher.close();
            }
            if (api != null && deployed) {
                try {
                    api.patch(deploymentPath(), PlatformClient.JSON.readTree("{\"spec\": {\"state\": \"CANCELLED\"}}"));
                    awaitDeployment(d -> state(d).equals("CANCELLED"), "the deployment CANCELLED");
                    awaitNoClusterProcess();
                    progress("deployment cancelled; its clusters are stopped");
                } catch (Exception e) {
                    progress("cancelling the deployment failed: " + e.getMessage());
                }
            }
            try {
                platform.stop().ifPresent(pid -> {
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        leftBehind.add("the platform (pid " + pid + ")");
                    } else {
                        progress("platform stopped (pid " + pid + ")");
                    }
                });
            } catch (LabException e) {
                leftBehind.add("the platform: " + e.getMessage());
            }
            for (String job : clustersWithLiveProcesses()) {
                leftBehind.add("the cluster of job " + job);
                LocalCluster.existing(ClusterConfig.defaults(platform.dataDir(), "-").withWorkDir(clustersDir().resolve(job)),
                        line -> {}).stop();
            }
            if (!leftBehind.isEmpty()) {
                progress("left behind and stopped now: " + String.join(", ", leftBehind));
            }
        }

        private void awaitNoClusterProcess() throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!clustersWithLiveProcesses().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("the clusters of " + clustersWithLiveProcesses() + " still run");
                }
                pause(POLL);
            }
        }

        private List<String> clustersWithLiveProcesses() {
            if (!Files.isDirectory(clustersDir())) {
                return List.of();
            }
            try (Stream<Path> dirs = Files.list(clustersDir())) {
                List<String> live = new ArrayList<>();
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    if (UpgradeWatcher.anyAlive(dir.resolve("pids"))) {
                        live.add(dir.getFileName().toString());
                    }
                }
                return live;
            } catch (IOException e) {
                throw new LabException("cannot list " + clustersDir() + ": " + e.getMessage());
            }
        }
    }

    private Path report(Result r, Session session, String loadBefore) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("timestamp", Instant.ofEpochMilli(benchStart).toString());
        report.put("flinkVersion", Lab.flinkVersion());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("loadAverageBefore", loadBefore);
        machine.put("loadAverageAfter", loadAverage());
        machine.put("javaVersion", System.getProperty("java.version"));
        report.put("machine", machine);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("upgrades", upgrades);
        params.put("rate", rate);
        params.put("checkpointInterval", DurationConverter.format(checkpointInterval));
        params.put("baseline", DurationConverter.format(baseline));
        params.put("settle", DurationConverter.format(settle));
        params.put("target", "LOCAL: a cluster per job, 1 JobManager (1G) + 1 TaskManager (1280m, 1 slot) per parallel task");
        params.put("reconcilerInterval", "the platform's default (2 s): each savepoint status and job state is read once a round");
        report.put("params", params);
        report.put("method", "Times are wall clock. Phases from the deployment's events (recorded when the reconciler sees "
                + "them, so each includes up to one reconciler round): decide = PATCH to SAVEPOINT_TRIGGERED, savepoint = "
                + "to SAVEPOINT_COMPLETED (stop-with-savepoint: the savepoint and the old job's end), stop = to the old "
                + "cluster's processes all gone, clusterStart = to JOB_SUBMITTED (the new cluster up, its TaskManagers "
                + "registered, the job known), restore = to the new job RUNNING (every task), firstOutput = JOB_SUBMITTED "
                + "to the new job's first commit. Commits are when a committed part file first became visible (polled every "
                + "100 ms; a rename keeps the in-progress file's modification time, so that is not used). gap = the last "
                + "commit before the old cluster was gone to the first after. windowDelay = a window result's commit minus "
                + "its window's end in event time, which the unbounded generator keeps at the wall clock: after a restore "
                + "the windows of the downtime come in the catch-up, delayed, not lost (see output).");
        report.put("baseline", r.baseline());
        report.put("upgrades", r.upgrades());
        report.put("medians", UpgradeFigures.medians(r.upgrades()));
        Double medianGap = UpgradeFigures.medians(r.upgrades()).get("gapSeconds");
        Map<String, Object> goal = new LinkedHashMap<>();
        goal.put("gapSecondsBelow", GAP_GOAL_SECONDS);
        goal.put("medianGapSeconds", medianGap);
        goal.put("met", medianGap != null && r.upgrades().stream().allMatch(u -> u.gapSeconds() != null && u.gapSeconds() < GAP_GOAL_SECONDS));
        report.put("goal", goal);
        report.put("output", r.output());
        report.put("leftBehind", session.leftBehind);
        Path file = output != null ? output : OpsSupport.labHome().resolve("target/bench/upgrade.json");
        return UpgradeFigures.write(file, report);
    }

    private void summary(Result r, Session session, Path written) {
        out.println();
        out.printf(Locale.ROOT, "  %-8s %-5s %7s %9s %6s %8s %8s %9s %7s %7s %11s%n", "upgrade", "p", "decide", "savepoint",
                "stop", "cluster", "restore", "1st out", "gap", "total", "max delay");
        for (Upgrade u : r.upgrades()) {
            row(Integer.toString(u.index()), u.fromParallelism() + "→" + u.toParallelism(), u.decideSeconds(), u.savepointSeconds(),
                    u.stopSeconds(), u.clusterStartSeconds(), u.restoreSeconds(), u.firstOutputSeconds(), u.gapSeconds(),
                    u.totalSeconds(), u.maxWindowDelaySeconds());
        }
        Map<String, Double> m = UpgradeFigures.medians(r.upgrades());
        row("median", "", m.get("decideSeconds"), m.get("savepointSeconds"), m.get("stopSeconds"), m.get("clusterStartSeconds"),
                m.get("restoreSeconds"), m.get("firstOutputSeconds"), m.get("gapSeconds"), m.get("totalSeconds"),
                m.get("maxWindowDelaySeconds"));
        Baseline b = r.baseline();
        out.printf(Locale.ROOT, "  baseline: checkpoint interval %.1f s; a commit every %.2f s (median, max %.2f s); window results %.2f s after their window%n",
                b.checkpointIntervalSeconds(), nullToNaN(b.commitIntervalMedianSeconds()), nullToNaN(b.commitIntervalMaxSeconds()),
                nullToNaN(b.windowDelayMedianSeconds()));
        boolean met = r.upgrades().stream().allMatch(u -> u.gapSeconds() != null && u.gapSeconds() < GAP_GOAL_SECONDS);
        out.printf(Locale.ROOT, "  goal: output gap < %.0f s in every upgrade: %s (median %.1f s)%n", GAP_GOAL_SECONDS,
                met ? "met" : "NOT met", nullToNaN(m.get("gapSeconds")));
        OutputCheck o = r.output();
        out.printf(Locale.ROOT, "  output: %,d window results, %d duplicated, %d missing%n", o.windowResults(), o.duplicated(), o.missing());
        out.println("  report    " + written);
        if (!session.leftBehind.isEmpty()) {
            out.println("  LEFT BEHIND (stopped by the bench): " + String.join(", ", session.leftBehind));
        }
    }

    private void row(String name, String p, Double... seconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-8s %-5s", name, p));
        int[] widths = {7, 9, 6, 8, 8, 9, 7, 7, 11};
        for (int i = 0; i < seconds.length; i++) {
            b.append(' ').append(String.format(Locale.ROOT, "%" + widths[i] + "s",
                    seconds[i] == null ? "-" : String.format(Locale.ROOT, "%.1fs", seconds[i])));
        }
        out.println(b);
    }

    private void progress(String line) {
        out.printf(Locale.ROOT, "  [%6.1fs] %s%n", (System.currentTimeMillis() - benchStart) / 1000.0, line);
        out.flush();
    }

    private static String state(JsonNode d) {
        return d.path("status").path("state").asText("");
    }

    private static double nullToNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** Waiting as part of the measurement (a baseline, a settle period, a poll): never an assertion. */
    private static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    /** /proc/loadavg's first three figures: these machines are shared, and the figures depend on it. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind: nothing runs from it any more
        }
    }
}
