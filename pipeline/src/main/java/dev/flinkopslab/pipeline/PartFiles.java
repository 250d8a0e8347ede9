package dev.flinkopslab.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what a FileSink committed: finished part files only (in-progress and pending files are hidden). */
public final class PartFiles {
    private PartFiles() {}

    /** All lines of all committed part files below {@code dir}, sorted; empty if the directory is absent. */
    public static List<String> committedLines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))::iterator) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.sort(null);
        return lines;
    }
}
