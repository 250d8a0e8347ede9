package dev.flinkopslab.cli;

import dev.flinkopslab.ops.OwnProcesses;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform service as a process of ours: its own JVM on the {@code platform} module's classes and the
 * classpath Maven resolved for it ({@code platform/target/platform.classpath}), so Spring Boot's dependencies
 * never meet the CLI's. The pid file, port file and log live in its data dir; {@link #stop} ends exactly the
 * process {@link #start} started ({@link OwnProcesses}: main class and data dir on its command line).
 */
final class PlatformProcess {
    static final String MAIN_CLASS = "dev.flinkopslab.platform.PlatformApplication";
    /** What the platform logs at its first start when it generated the admin's password (its UserService says so). */
    static final Pattern GENERATED_PASSWORD = Pattern.compile("created user 'admin' \\(ADMIN in 'default'\\) with the generated password (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /**
     * What start was given; only dataDir matters to stop and status. {@code adminPassword}: the first admin's
     * password, passed as {@code LAB_PLATFORM_ADMIN_PASSWORD} (null: the platform's environment decides).
     */
    record Options(Path dataDir, int port, String dbUrl, String dbUser, String dbPassword, String maxUploadSize,
                   String adminPassword) {
        Options(Path dataDir, int port, String dbUrl, String dbUser, String dbPassword, String maxUploadSize) {
            this(dataDir, port, dbUrl, dbUser, dbPassword, maxUploadSize, null);
        }
    }

    /** The running platform as status sees it. */
    record Status(boolean running, long pid, int port, Optional<String> health) {}

    /** What start reports: the pid, the URL, and the admin's password if this start generated it. */
    record Started(long pid, String url, Optional<String> generatedAdminPassword) {}

    private final Path home;
    private final Path dataDir;

    PlatformProcess(Path home, Path dataDir) {
        this.home = home;
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path dataDir() {
        return dataDir;
    }

    Path pidFile() {
        return dataDir.resolve("platform.pid");
    }

    Path portFile() {
        return dataDir.resolve("platform.port");
    }

    Path log() {
        return dataDir.resolve("platform.log");
    }

    static String url(int port) {
        return "http://localhost:" + port;
    }

    private String[] markers() {
        return new String[] {MAIN_CLASS, "--data-dir=" + dataDir};
    }

    Optional<ProcessHandle> running() {
        return OwnProcesses.fromPidFile(pidFile(), markers());
    }

    Started start(Options o, Consumer<String> progress) {
        Optional<ProcessHandle> already = running();
        if (already.isPresent()) {
            throw new LabException("the platform is already running (pid " + already.get().pid() + ", "
                    + url(startedPort().orElse(o.port())) + "); stop it first with './lab platform stop'");
        }
        OwnProcesses.requireFree(o.port(), "port");
        String classpath = home.resolve("platform/target/classes") + ":"
                + OwnProcesses.classpath(home.resolve("platform/target/platform.classpath"));
        try {
            Files.createDirectories(dataDir);
            long logOffset = Files.exists(log()) ? Files.size(log()) : 0;
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a dry run's main runs in this JVM: Flink's security manager stops its System.exit (JDK 18+ needs the allow)
                    "-Xmx512m", "-XX:+UseSerialGC", "-Djava.security.manager=allow", "-cp", classpath, MAIN_CLASS,
                    "--port=" + o.port(), "--data-dir=" + dataDir, "--spring.output.ansi.enabled=never",
                    "--flink-classpath=" + home.resolve("runtimes/flink-cluster/target/flink-cluster.classpath")));
            if (o.dbUrl() != null) {
                command.add("--db-url=" + o.dbUrl());
            }
            if (o.dbUser() != null) {
                command.add("--db-user=" + o.dbUser());
            }
            if (o.maxUploadSize() != null) {
                command.add("--max-upload-size=" + o.maxUploadSize());
            }
            ProcessBuilder pb = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            if (o.dbPassword() != null) {
                pb.environment().put("LAB_PLATFORM_DB_PASSWORD", o.dbPassword()); // never on a command line
            }
            if (o.adminPassword() != null) {
                pb.environment().put("LAB_PLATFORM_ADMIN_PASSWORD", o.adminPassword());
            }
            Process process = pb.start();
            Files.writeString(pidFile(), Long.toString(process.pid()));
            Files.writeString(portFile(), Integer.toString(o.port()));
            try {
                awaitHealthy(process, o.port(), progress);
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
            return new Started(process.pid(), url(o.port()), generatedPassword(logOffset));
        } catch (IOException e) {
            throw new LabException("could not start the platform in " + dataDir + ": " + e.getMessage());
        }
    }

    /** Ends the platform this data dir's pid file names, if it is ours; the pid, empty if none ran. */
    Optional<Long> stop() {
        try {
            return OwnProcesses.stop(pidFile(), STOP_TIMEOUT, markers());
        } catch (IllegalStateException e) {
            throw new LabException("the platform did not end: " + e.getMessage());
        }
    }

    Status status() {
        Optional<ProcessHandle> p = running();
        int port = startedPort().orElse(-1);
        if (p.isEmpty()) {
            return new Status(false, -1, port, Optional.empty());
        }
        return new Status(true, p.get().pid(), port, port < 0 ? Optional.empty() : health(port, Duration.ofSeconds(3)));
    }

    /** The status {@code /actuator/health} reports (UP, DOWN ...), empty if it does not answer. */
    static Optional<String> health(int port, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"").matcher(r.body());
            return m.find() ? Optional.of(m.group(1)) : Optional.of("HTTP " + r.statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private OptionalInt startedPort() {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(portFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private void awaitHealthy(Process process, int port, Consumer<String> progress) {
        long started = System.nanoTime();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new LabException("the platform exited during start (exit code " + process.exitValue() + "): "
                        + lastError().orElse("see " + log()));
            }
            if (health(port, Duration.ofSeconds(2)).filter("UP"::equals).isPresent()) {
                return;
            }
            long now = System.nanoTime();
            if (now - started > START_TIMEOUT.toNanos()) {
                throw new LabException("the platform did not answer UP on " + url(port) + "/actuator/health within "
                        + START_TIMEOUT.toSeconds() + " s; see " + log());
            }
            if (now > nextProgress) {
                progress.accept("waiting for " + url(port) + "/actuator/health ... " + Duration.ofNanos(now - started).toSeconds() + " s");
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for the platform to start");
            }
        }
    }

    /** The password the platform generated for the first admin, in what this start added to the log. */
    private Optional<String> generatedPassword(long offset) throws IOException {
        return appendedLog(offset).lines().map(GENERATED_PASSWORD::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
    }

    /** Spring Boot's one-line reason a start failed (a "Caused by:" or APPLICATION FAILED TO START's description). */
    private Optional<String> lastError() {
        try {
            List<String> lines = appendedLog(0).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("Description:") && i + 2 < lines.size()) {
                    return Optional.of(lines.get(i + 2).strip() + " (log " + log() + ")");
                }
            }
            return lines.stream().filter(l -> l.startsWith("Caused by:")).reduce((a, b) -> b)
                    .map(l -> l.substring("Caused by: ".length()) + " (log " + log() + ")");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String appendedLog(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log().toFile(), "r")) {
            long from = Math.max(0, Math.min(offset, f.length()));
            byte[] bytes = new byte[(int) Math.min(f.length() - from, 4 * 1024 * 1024)];
            f.seek(from);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
