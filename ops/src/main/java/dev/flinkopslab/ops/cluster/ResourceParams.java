package dev.flinkopslab.ops.cluster;

import dev.flinkopslab.ops.jobs.OpsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flink process's JVM memory flags and the memory/CPU dynamic properties that go with them, as Flink's own
 * {@code BashJavaUtils} computes them from the conf dir (what flink-dist's start scripts do): a TaskManager
 * refuses to start without them.
 */
record ResourceParams(List<String> jvmFlags, List<String> dynamicProperties) {
    private static final String MARKER = "BASH_JAVA_UTILS_EXEC_RESULT:";

    static ResourceParams compute(ClusterConfig c, String command) {
        Path log = c.logDir().toAbsolutePath().resolve("bash-java-utils.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog.file=" + log,
                "-Dlog4j.configurationFile=" + c.confDir().toAbsolutePath().resolve("log4j.properties").toUri(),
                "-cp", c.classpath(), "org.apache.flink.runtime.util.bash.BashJavaUtils", command,
                "-c", c.confDir().toAbsolutePath().toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new OpsException("Flink could not size the processes' memory (" + command + "): "
                        + lastLine(out) + " — check the memory sizes");
            }
            List<String> results = new ArrayList<>();
            for (String line : out.split("\\R")) {
                if (line.startsWith(MARKER)) {
                    results.add(line.substring(MARKER.length()).strip());
                }
            }
            if (results.isEmpty()) {
                throw new OpsException("Flink's BashJavaUtils printed no result for " + command + ": " + lastLine(out));
            }
            return new ResourceParams(words(results.get(0)), results.size() > 1 ? words(results.get(1)) : List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted");
        }
    }

    /** Kept in the conf dir, so add-taskmanager starts a TaskManager sized like the others. */
    void save(Path file) {
        try {
            Files.writeString(file, String.join(" ", jvmFlags) + "\n" + String.join(" ", dynamicProperties) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResourceParams load(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return new ResourceParams(words(lines.get(0)), lines.size() > 1 ? words(lines.get(1)) : List.of());
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new OpsException("cannot read " + file + "; restart the cluster with 'lab cluster stop' and 'lab cluster start'");
        }
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
