package dev.flinkopslab.ops.cluster;

import dev.flinkopslab.ops.OwnProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One JVM of the cluster (the JobManager or a TaskManager), known by its pid file. A pid counts as ours only
 * while that process's command line names our conf dir: a pid reused by the system is never touched.
 */
record FlinkProcess(String name, Path pidFile, Path confDir) {
    static final String JOB_MANAGER = "jobmanager";
    static final String TASK_MANAGER_PREFIX = "taskmanager-";

    /** The JVM flags Flink's default config.yaml sets (env.java.opts.all); without them JDK 17 refuses Flink. */
    static final List<String> JVM_MODULE_FLAGS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    boolean isTaskManager() {
        return name.startsWith(TASK_MANAGER_PREFIX);
    }

    int index() {
        return isTaskManager() ? Integer.parseInt(name.substring(TASK_MANAGER_PREFIX.length())) : 0;
    }

    /** The live process, if the pid file names one that is still ours: its command line has our conf dir. */
    Optional<ProcessHandle> handle() {
        return OwnProcesses.fromPidFile(pidFile, "-c " + confDir.toAbsolutePath());
    }

    /** Starts {@code main} with {@code jvmFlags} and {@code args}; stdout/stderr to log/<name>.out. */
    static FlinkProcess launch(ClusterConfig c, String name, String main, List<String> jvmFlags, List<String> args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path logFile = c.logDir().toAbsolutePath().resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(ClassDataArchive.jvmFlags(main, c.classpath()));
        cmd.addAll(JVM_MODULE_FLAGS);
        cmd.add("-Dlog.file=" + logFile);
        cmd.add("-Dlog4j.configurationFile=" + c.confDir().toAbsolutePath().resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(c.classpath());
        cmd.add(main);
        cmd.add("-c");
        cmd.add(c.confDir().toAbsolutePath().toString());
        cmd.addAll(args);
        try {
            Path out = c.logDir().resolve(name + ".out");
            ProcessBuilder builder = new ProcessBuilder(cmd);
            // Flink finds usrlib/ (an application cluster's job JAR) beside the lib dir this names.
            builder.environment().put("FLINK_LIB_DIR", c.libDir().toAbsolutePath().toString());
            Process p = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            FlinkProcess fp = new FlinkProcess(name, c.pidDir().resolve(name + ".pid"), c.confDir());
            Files.writeString(fp.pidFile, p.pid() + "\n", StandardCharsets.UTF_8);
            return fp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }
}
