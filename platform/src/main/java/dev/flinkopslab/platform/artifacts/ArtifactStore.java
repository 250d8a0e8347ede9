package dev.flinkopslab.platform.artifacts;

import dev.flinkopslab.platform.PlatformProperties;
import dev.flinkopslab.platform.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import org.springframework.stereotype.Component;

/**
 * The JARs' bytes, content-addressed: {@code <data-dir>/artifacts/<sha256>.jar}. The only names this class
 * makes paths of are hex digests and its own temporary names, so no client input can reach the file system.
 */
@Component
public class ArtifactStore {
    private static final int MAX_NAME = 200;
    private final Path dir;

    public ArtifactStore(PlatformProperties props) {
        this.dir = props.artifactsDir();
    }

    /** What {@link #store} wrote. */
    public record Stored(String sha256, long size, Path file) {}

    /** Copies {@code in} under its SHA-256, after checking it is a JAR (400 otherwise). */
    public Stored store(InputStream in) {
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = dir.resolve("upload-" + UUID.randomUUID() + ".tmp");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                size = in.transferTo(out);
            }
            requireJar(temp);
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path target = file(sha256);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            return new Stored(sha256, size, target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the upload under " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    public Path file(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return dir.resolve(sha256 + ".jar");
    }

    public void delete(String sha256) {
        deleteQuietly(file(sha256));
    }

    private static void requireJar(Path file) throws IOException {
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            if (jar.size() == 0) {
                throw ApiException.badRequest("the upload is an empty archive; upload a JAR with the job's classes");
            }
            jar.getManifest(); // a broken manifest is no JAR either
        } catch (ZipException | SecurityException e) {
            throw ApiException.badRequest("the upload is not a valid JAR (" + e.getMessage() + "); upload the job's JAR file,"
                    + " e.g. pipeline/target/flink-ops-lab-job.jar");
        }
    }

    /**
     * The client's file name as metadata: its last path segment, only letters, digits, '.', '_' and '-', no
     * leading dots, at most 200 characters; "artifact.jar" when nothing is left.
     */
    public static String safeFileName(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
        if (name.length() > MAX_NAME) {
            name = name.substring(name.length() - MAX_NAME);
        }
        return name.isEmpty() || name.chars().allMatch(c -> c == '_') ? "artifact.jar" : name;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left for the next delete of the same content; harmless
        }
    }
}
