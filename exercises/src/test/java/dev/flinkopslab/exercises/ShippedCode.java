package dev.flinkopslab.exercises;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether an exercise's learner files are as shipped. Tests that assert the troubled code FAILs its check run
 * only on the code as shipped: a learner who fixed exercise N has changed its files, and those tests skip
 * with a message saying so (the solution's tests still run, and {@code ./lab check N} measures the fix). CI
 * passes {@value #REQUIRED_PROPERTY}{@code =true}, which turns a changed file into a failure, so every CI
 * run proves the flaw of each exercise as shipped.
 *
 * <p>The learner files of an exercise are the Java files of its folder that say {@code FILE TO EDIT} (or
 * {@code FILES TO EDIT}); {@value #MANIFEST} holds the SHA-256 of each as shipped (line endings folded to
 * LF, so a Windows checkout matches). A commit that changes a learner file updates the manifest: the line to
 * put there is printed by {@link ShippedCodeTest} when it fails.
 */
public final class ShippedCode {
    static final String REQUIRED_PROPERTY = "exercises.shipped.required";
    static final String MANIFEST = "src/test/resources/shipped-learner-files.sha256";
    private static final Pattern LEARNER_FILE = Pattern.compile("\\bFILES? TO EDIT\\b");

    private ShippedCode() {}

    /** The exercises module's folder: the working directory of its tests. */
    static Path module() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static boolean required() {
        return Boolean.getBoolean(REQUIRED_PROPERTY);
    }

    /** The learner files of an exercise, as paths relative to the module, in order. */
    static List<String> learnerFiles(Exercise exercise) {
        Path sources = module().resolve(exercise.folder()).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.toString().replace('\\', '/').contains("/solution/"))
                    .filter(f -> LEARNER_FILE.matcher(read(f)).find())
                    .map(f -> module().relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest: path → SHA-256 as shipped. */
    static Map<String, String> manifest() {
        Map<String, String> shipped = new TreeMap<>();
        for (String line : read(module().resolve(MANIFEST)).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] hashAndPath = line.trim().split("\\s+\\*?", 2);
                shipped.put(hashAndPath[1], hashAndPath[0]);
            }
        }
        return shipped;
    }

    /** SHA-256 of a file's text with line endings folded to LF, in hex. */
    static String sha256(String relativePath) {
        try {
            byte[] text = read(module().resolve(relativePath)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The learner files of an exercise that differ from the manifest (or that it does not list). */
    static List<String> changed(Exercise exercise) {
        Map<String, String> shipped = manifest();
        return learnerFiles(exercise).stream().filter(f -> !sha256(f).equals(shipped.get(f))).toList();
    }

    /**
     * Goes on only if the learner files of these exercises are as shipped: otherwise the test is skipped
     * (aborted, with the reason), or fails when {@value #REQUIRED_PROPERTY} is set.
     */
    public static void assumeShipped(String what, Exercise... exercises) {
        for (Exercise e : exercises) {
            List<String> changed = changed(e);
            if (!changed.isEmpty()) {
                String names = String.join(", ", changed.stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).toList());
                String changedSinceShipped = "exercise " + e.number() + ": " + names + " changed since shipped";
                if (required()) {
                    fail(changedSinceShipped + ", and " + REQUIRED_PROPERTY + " is set: " + what + " must run on "
                            + "the code as shipped. Restore it, or update " + MANIFEST + " (ShippedCodeTest prints its lines)");
                }
                Assumptions.abort(changedSinceShipped + ", so " + what + " (which holds for the code as shipped) "
                        + "is skipped; ./lab check " + e.number() + " measures your code");
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
