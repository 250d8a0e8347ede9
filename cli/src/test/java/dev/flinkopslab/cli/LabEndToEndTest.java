package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real runs on an embedded Flink, through the command line. */
class LabEndToEndTest {

    @Test
    void boundedRunWritesCommittedWindows(@TempDir Path dir) {
        int port = EmbeddedFlink.freePort();
        LabRun r = LabRun.of("run", "--records", "20000", "--rate", "0", "--sink", "file",
                "--output-dir", dir.toString(), "--port", String.valueOf(port), "--parallelism", "2");

        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("http://localhost:" + port, "lab run: finished", "FINISHED");
        assertThat(r.out()).as("the job graph as Flink built it, read from its REST API")
                .contains("tasks in 1 slot sharing group, so it needs 2 slots")
                .contains("Measurements source").contains("Windows per location");
        List<String> windows = committedLines(dir.resolve("windows"));
        assertThat(windows).isNotEmpty();
        assertThat(windows).allSatisfy(line -> assertThat(line).contains(","));
    }

    @Test
    void benchWritesAReport(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("bench.json");
        LabRun r = LabRun.of("bench", "--records", "20000", "--output", report.toString());

        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("pipeline/floor");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("flinkVersion").asText()).isNotBlank();
        assertThat(json.path("machine").path("availableProcessors").asInt()).isPositive();
        assertThat(json.path("runs")).hasSize(2);
        assertThat(json.path("runs").findValuesAsText("name")).containsExactly("pipeline", "floor");
        assertThat(json.path("runs").path(0).path("records").asLong()).isEqualTo(20000);
        assertThat(json.path("ratioPipelineToFloor").asDouble()).isPositive();
        assertThat(dir.resolve("latest.json")).exists();
    }

    /** Lines of committed part files (in-progress and pending files start with '.'). */
    private static List<String> committedLines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
