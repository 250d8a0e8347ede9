package dev.flinkopslab.ops.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.ClusterOptions;

/**
 * What a cluster leaves in its work dir: the Flink conf dir (config.yaml, log4j.properties), the settings it was
 * started with (so stop/status/add-taskmanager in later commands know them).
 */
final class ClusterFiles {
    static final String SETTINGS = "cluster.properties";

    private ClusterFiles() {}

    /** Flink's configuration for this cluster: everything on localhost, state and logs inside the work dir. */
    static void writeConf(ClusterConfig c) {
        Path work = c.workDir().toAbsolutePath();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("jobmanager.rpc.address", "localhost");
        options.put("jobmanager.rpc.port", String.valueOf(c.rpcPort()));
        options.put("jobmanager.bind-host", "localhost");
        options.put("taskmanager.bind-host", "localhost");
        options.put("taskmanager.host", "localhost");
        options.put("rest.address", "localhost");
        options.put("rest.bind-address", "localhost");
        options.put("rest.port", String.valueOf(c.restPort()));
        options.put("jobmanager.memory.process.size", c.jobManagerMemory());
        options.put("taskmanager.memory.process.size", c.taskManagerMemory());
        options.put("taskmanager.numberOfTaskSlots", String.valueOf(c.slotsPerTaskManager()));
        // A job submitted without a parallelism uses every slot the cluster starts with.
        options.put("parallelism.default", String.valueOf(c.taskManagers() * c.slotsPerTaskManager()));
        options.put("jobmanager.execution.failover-strategy", "region");
        options.put("heartbeat.interval", String.valueOf(Math.max(1000, c.heartbeatTimeout().toMillis() / 5)));
        options.put("heartbeat.timeout", String.valueOf(c.heartbeatTimeout().toMillis()));
        // A lost TaskManager's slots are not waited for: the job restarts on the slots that are there.
        options.put("slot.request.timeout", "60000");
        // The TaskManagers start with their JobManager; one that asks before the JobManager listens would wait
        // Flink's 10 s before asking again, the longest part of a cluster's start (and of a LOCAL upgrade's gap).
        options.put(ClusterOptions.ERROR_REGISTRATION_DELAY.key(), "500 ms");
        options.put("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        options.put("execution.checkpointing.savepoint-dir", work.resolve("savepoints").toUri().toString());
        options.put("io.tmp.dirs", work.resolve("tmp").toString());
        options.put("web.upload.dir", work.resolve("uploads").toString());
        if (c.application() != null) {
            // The cluster outlives its job, so whoever runs it can read how the job ended (a FAILED job, with its
            // exception history, even when main() threw before any job existed) and then stop the cluster.
            options.put("execution.shutdown-on-application-finish", "false");
            options.put("execution.submit-failed-job-on-application-error", "true");
        }
        options.putAll(c.flinkConfiguration());
        StringBuilder yaml = new StringBuilder("# Written by the lab when the cluster starts; rewritten on every start.\n");
        options.forEach((key, value) -> yaml.append(key).append(": ").append(yamlScalar(value)).append('\n'));
        String log4j = String.join("\n",
                "# Each process logs to the file named by its -Dlog.file (log/<process>.log); the Web UI shows it too.",
                "monitorInterval = 30",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = MainAppender",
                "appender.main.name = MainAppender",
                "appender.main.type = File",
                "appender.main.append = true",
                "appender.main.fileName = ${sys:log.file}",
                "appender.main.layout.type = PatternLayout",
                "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                "logger.pekko.name = org.apache.pekko",
                "logger.pekko.level = INFO",
                "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
                "logger.netty.level = ERROR",
                "");
        try {
            for (Path dir : List.of(c.confDir(), c.logDir(), c.pidDir(), c.libDir(), c.workDir().resolve("tmp"),
                    c.workDir().resolve("uploads"))) {
                Files.createDirectories(dir);
            }
            // Logs are per cluster run: a new start begins with empty ones (and TaskManager names from 1 again).
            try (var old = Files.list(c.logDir())) {
                for (Path f : old.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.writeString(c.confDir().resolve("config.yaml"), yaml.toString(), StandardCharsets.UTF_8);
            Files.writeString(c.confDir().resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
            Properties p = new Properties();
            p.setProperty("taskManagers", String.valueOf(c.taskManagers()));
            p.setProperty("slotsPerTaskManager", String.valueOf(c.slotsPerTaskManager()));
            p.setProperty("jobManagerMemory", c.jobManagerMemory());
            p.setProperty("taskManagerMemory", c.taskManagerMemory());
            p.setProperty("restPort", String.valueOf(c.restPort()));
            p.setProperty("rpcPort", String.valueOf(c.rpcPort()));
            p.setProperty("heartbeatTimeoutMs", String.valueOf(c.heartbeatTimeout().toMillis()));
            try (var w = Files.newBufferedWriter(c.workDir().resolve(SETTINGS))) {
                p.store(w, "lab cluster start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster's files under " + c.workDir(), e);
        }
    }

    /** A YAML scalar as written: plain where YAML reads it back unchanged, else single-quoted. */
    static String yamlScalar(String value) {
        return value.matches("[A-Za-z0-9_./@%+=-][A-Za-z0-9_./:@%+=,-]*") && !value.contains(": ") ? value
                : "'" + value.replace("'", "''") + "'";
    }

    /** The settings of the cluster last started in {@code base}'s work dir, or {@code base} if none was. */
    static ClusterConfig lastStarted(ClusterConfig base) {
        Path file = base.workDir().resolve(SETTINGS);
        if (!Files.isRegularFile(file)) {
            return base;
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            return base;
        }
        return new ClusterConfig(Integer.parseInt(p.getProperty("taskManagers")),
                Integer.parseInt(p.getProperty("slotsPerTaskManager")), p.getProperty("jobManagerMemory"),
                p.getProperty("taskManagerMemory"), Integer.parseInt(p.getProperty("restPort")),
                Integer.parseInt(p.getProperty("rpcPort")), base.workDir(), base.classpath(),
                java.time.Duration.ofMillis(Long.parseLong(p.getProperty("heartbeatTimeoutMs"))), base.startTimeout(),
                base.flinkConfiguration(), base.application());
    }
}
