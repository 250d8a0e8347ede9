package dev.flinkopslab.cli;

import dev.flinkopslab.ops.OwnProcesses.MissingClasspathException;
import dev.flinkopslab.ops.OwnProcesses.PortInUseException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lab platform start|stop|status}: the application manager's service, as its own background JVM; and its
 * API's client: login, logout, artifacts, deployments, savepoints, events.
 */
@Command(name = "platform", mixinStandardHelpOptions = true,
        description = "Start, stop or show the platform service (REST API on --port); log in and manage its artifacts and deployments.",
        subcommands = {PlatformCommand.Start.class, PlatformCommand.Stop.class, PlatformCommand.Status.class,
                PlatformLoginCommands.Login.class, PlatformLoginCommands.Logout.class, PlatformArtifactsCommand.class,
                PlatformDeploymentsCommand.class, PlatformHistoryCommands.Savepoints.class, PlatformHistoryCommands.Events.class})
final class PlatformCommand implements Callable<Integer> {
    static final String STOP_HINT = "stop it first with './lab platform stop'";
    static final String START_HINT = "start it with './lab platform start'";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.usage(spec.commandLine(), "missing command: start, stop, status, login, logout, artifacts, deployments, savepoints or events");
    }

    /** The data dir: database, artifacts, pid file, log. All that stop and status need to find the process. */
    static final class DataDir {
        @Option(names = "--data-dir", paramLabel = "<dir>",
                description = "Database (H2), artifacts, pid file and platform.log (default: .lab/platform in the project).")
        Path dataDir;

        PlatformProcess process() {
            Path dir = dataDir == null ? OpsSupport.labHome().resolve(".lab/platform") : dataDir;
            return new PlatformProcess(OpsSupport.labHome(), dir);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the platform in the background and wait until /actuator/health answers UP.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DataDir dataDir;

        @Option(names = "--port", defaultValue = "8080", paramLabel = "<port>", description = "HTTP port on localhost (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--db-url", paramLabel = "<jdbc-url>",
                description = "A JDBC URL, e.g. jdbc:postgresql://localhost:5432/lab (default: H2 in <data-dir>/db).")
        String dbUrl;

        @Option(names = "--db-user", paramLabel = "<user>", description = "Database user (or give it in the URL).")
        String dbUser;

        @Option(names = "--db-password", paramLabel = "<password>",
                description = "Database password (or in the URL); handed to the platform in its environment, not its command line.")
        String dbPassword;

        @Option(names = "--max-upload-size", paramLabel = "<size>", description = "Largest JAR upload, e.g. 200MB (default: 200MB).")
        String maxUploadSize;

        @Override
        public Integer call() {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--port must be 1 to 65535, not " + port);
            }
            if (dbUrl != null && !dbUrl.startsWith("jdbc:")) {
                throw new ParameterException(spec.commandLine(), "--db-url must be a JDBC URL (jdbc:postgresql://host:5432/db), not '" + dbUrl + "'");
            }
            if (maxUploadSize != null && !maxUploadSize.matches("\\d+(B|KB|MB|GB)")) {
                throw new ParameterException(spec.commandLine(), "--max-upload-size must be a number with B, KB, MB or GB, e.g. 200MB, not '" + maxUploadSize + "'");
            }
            PlatformProcess platform = dataDir.process();
            PrintWriter out = spec.commandLine().getOut();
            PlatformProcess.Started started;
            try {
                out.println("lab platform: starting on " + PlatformProcess.url(port) + " (log " + platform.log() + ")");
                out.flush();
                started = platform.start(new PlatformProcess.Options(platform.dataDir(), port, dbUrl, dbUser, dbPassword, maxUploadSize),
                        OpsSupport.progressLines(spec));
            } catch (PortInUseException e) {
                throw OpsSupport.portInUse(e, "another platform", "--port");
            } catch (MissingClasspathException e) {
                throw OpsSupport.buildFirst("platform", e);
            }
            out.println("lab platform: running, pid " + started.pid() + ", " + started.url()
                    + " (API " + started.url() + "/api/v1, OpenAPI " + started.url() + "/v3/api-docs). Stop it with 'lab platform stop'.");
            started.generatedAdminPassword().ifPresent(pw -> out.println("lab platform: first start: user 'admin', password " + pw
                    + " (shown only this once; create an API token with: curl -u admin:" + pw + " -X POST " + started.url() + "/api/v1/tokens)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the platform this data dir's start started.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DataDir dataDir;

        @Override
        public Integer call() {
            PlatformProcess platform = dataDir.process();
            spec.commandLine().getOut().println(platform.stop().map(pid -> "lab platform: stopped (pid " + pid + ")")
                    .orElse("lab platform: not running (no live platform in " + platform.pidFile() + ")"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Is the platform running, and does its health check answer? Exit 0 if it runs, 1 if not.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DataDir dataDir;

        @Override
        public Integer call() {
            PlatformProcess platform = dataDir.process();
            PlatformProcess.Status s = platform.status();
            PrintWriter out = spec.commandLine().getOut();
            if (!s.running()) {
                out.println("lab platform: not running (no live platform in " + platform.pidFile() + "); " + START_HINT);
                return ExitCodes.FAILURE;
            }
            out.println("lab platform: running, pid " + s.pid() + ", " + PlatformProcess.url(s.port()) + ", "
                    + s.health().map(h -> "health " + h).orElse("but /actuator/health does not answer yet"));
            return ExitCodes.OK;
        }
    }
}
