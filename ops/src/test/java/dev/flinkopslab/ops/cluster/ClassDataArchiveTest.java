package dev.flinkopslab.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One JVM of a kind writes the archive; once written, the next JVMs map it; a dump still being written is not used. */
class ClassDataArchiveTest {
    private static final String MAIN = "demo.SomeEntrypoint";
    /** A classpath no other run has: this test's own archive key. */
    private final String classpath = "/nowhere/" + UUID.randomUUID() + ".jar";

    @AfterEach
    void deleteThisTestsFiles() throws Exception {
        try (Stream<Path> files = Files.list(ClassDataArchive.DIR)) {
            for (Path f : files.toList()) {
                if (Files.size(f) < 100 && Files.readString(f).contains(classpath)) {
                    Files.delete(f);
                }
            }
        }
    }

    @Test
    void theFirstJvmWritesTheArchiveAndTheNextOnesMapItOnceWritten() throws Exception {
        List<String> first = ClassDataArchive.jvmFlags(MAIN, classpath);
        assertThat(first).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=" + ClassDataArchive.DIR);
        assertThat(ClassDataArchive.jvmFlags(MAIN, classpath)).as("one writer at a time").isEmpty();

        // the first JVM exits and writes its dump; just written, it is not taken yet
        Path dump = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(dump, "archive of " + classpath);
        assertThat(ClassDataArchive.jvmFlags(MAIN, classpath)).isEmpty();

        Files.setLastModifiedTime(dump, FileTime.from(Instant.now().minusSeconds(60)));
        List<String> next = ClassDataArchive.jvmFlags(MAIN, classpath);
        assertThat(next).singleElement().asString().startsWith("-XX:SharedArchiveFile=").endsWith(".jsa");
        Path archive = Path.of(next.get(0).substring("-XX:SharedArchiveFile=".length()));
        assertThat(archive).hasContent("archive of " + classpath);
        assertThat(dump).doesNotExist();
        assertThat(ClassDataArchive.jvmFlags("demo.OtherEntrypoint", classpath)).as("another kind writes its own")
                .singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }
}
