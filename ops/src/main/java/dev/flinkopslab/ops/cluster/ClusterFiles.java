package dev.flinkopslab.ops.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

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
        String yaml = String.join("\n",
                "# Written by 'lab cluster start'; rewritten on every start.",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + c.rpcPort(),
                "jobmanager.bind-host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.host: localhost",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + c.restPort(),
                "jobmanager.memory.process.size: " + c.jobManagerMemory(),
                "taskmanager.memory.process.size: " + c.taskManagerMemory(),
                "taskmanager.numberOfTaskSlots: " + c.slotsPerTaskManager(),
                // A job submitted without a parallelism uses every slot the cluster starts with.
                "parallelism.default: " + c.taskManagers() * c.slotsPerTaskManager(),
                "jobmanager.execution.failover-strategy: region",
                "heartbeat.interval: " + Math.max(1000, c.heartbeatTimeout().toMillis() / 5),
                "heartbeat.timeout: " + c.heartbeatTimeout().toMillis(),
                // A lost TaskManager's slots are not waited for: the job restarts on the slots that are there.
                "slot.request.timeout: 60000",
                "execution.checkpointing.dir: " + work.resolve("checkpoints").toUri(),
                "execution.checkpointing.savepoint-dir: " + work.resolve("savepoints").toUri(),
                "io.tmp.dirs: " + work.resolve("tmp"),
                "web.upload.dir: " + work.resolve("uploads"),
                "");
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
            for (Path dir : List.of(c.confDir(), c.logDir(), c.pidDir(), c.workDir().resolve("tmp"),
                    c.workDir().resolve("uploads"))) {
                Files.createDirectories(dir);
            }
            // Logs are per cluster run: a new start begins with empty ones (and TaskManager names from 1 again).
            try (var old = Files.list(c.logDir())) {
                for (Path f : old.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.writeString(c.confDir().resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
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
                java.time.Duration.ofMillis(Long.parseLong(p.getProperty("heartbeatTimeoutMs"))), base.startTimeout());
    }
}
