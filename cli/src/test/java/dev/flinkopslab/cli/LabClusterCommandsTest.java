package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab cluster}, {@code lab submit} and the job commands against a real one-TaskManager cluster, and the
 * bad input they must answer in one line with a non-zero exit: a missing JAR, no cluster, a wrong entry class.
 */
@Tag("slow")
class LabClusterCommandsTest {
    private static final Pattern JOB_ID = Pattern.compile("job ([0-9a-f]{32}) submitted");
    private static int restPort;
    private static String restUrl;

    @BeforeAll
    static void startCluster() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-clusters")), "cli-");
        System.setProperty("lab.cluster.dir", dir.toAbsolutePath().toString());
        restPort = EmbeddedFlink.freePort();
        restUrl = "http://localhost:" + restPort;
        LabRun start = LabRun.of("cluster", "start", "--taskmanagers", "1", "--slots", "2", "--jm-memory", "1024m",
                "--tm-memory", "1024m", "--rest-port", String.valueOf(restPort), "--rpc-port", String.valueOf(EmbeddedFlink.freePort()));
        System.out.println(start.out() + start.err());
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).contains("TaskManagers registered: 1/1").contains("Web UI " + restUrl);
    }

    @AfterAll
    static void stopCluster() {
        LabRun stop = LabRun.of("cluster", "stop");
        System.out.println(stop.out() + stop.err());
        assertThat(stop.exitCode()).isZero();
        assertThat(LabRun.of("cluster", "status").out()).startsWith("no cluster is running");
        System.clearProperty("lab.cluster.dir");
    }

    @Test
    void submitsListsSavepointsAndStopsAJob(@TempDir Path savepoints) {
        assertThat(LabRun.of("cluster", "status").out()).contains("1 TaskManagers, 2 slots");

        // job arguments without '--': options submit does not know are the job's
        LabRun submit = LabRun.of("submit", "--rest-url", restUrl, "-p", "2", "--rate", "500", "--sink", "discard");
        assertThat(submit.exitCode()).as(submit.err()).isZero();
        System.out.println(submit.out());
        Matcher m = JOB_ID.matcher(submit.out());
        assertThat(m.find()).as(submit.out()).isTrue();
        String job = m.group(1);
        assertThat(submit.out()).contains("job graph of 'measurement-pipeline'").contains("parallelism 2")
                .contains("Source: Measurements source");
        assertThat(LabRun.of("jobs", "--rest-url", restUrl).out()).contains(job);

        // right after the submission: the command itself waits until Flink can take the savepoint
        LabRun savepoint = LabRun.of("savepoint", job, "--rest-url", restUrl, "--dir", savepoints.resolve("manual").toString());
        System.out.println(savepoint.out());
        assertThat(savepoint.exitCode()).as(savepoint.err()).isZero();
        assertThat(savepoint.out()).contains(savepoints.resolve("manual").toString());

        LabRun stop = LabRun.of("stop", job, "--savepoint", "--rest-url", restUrl, "--dir", savepoints.resolve("final").toString());
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("stopped; savepoint file:" + savepoints.resolve("final"));
        assertThat(LabRun.of("jobs", "--rest-url", restUrl).out()).containsPattern(job + " +FINISHED");
        assertThat(savepoints.resolve("final").toFile().list()).singleElement().asString().startsWith("savepoint-");

        LabRun again = LabRun.of("savepoint", job, "--rest-url", restUrl);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly("lab savepoint: job " + job + " is FINISHED; only a running job can take a savepoint");
    }

    @Test
    void submitWithAMissingJarIsOneLine() {
        LabRun r = LabRun.of("submit", "--rest-url", restUrl, "--jar", "/nonexistent/job.jar");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("lab submit: job JAR not found: /nonexistent/job.jar");
    }

    @Test
    void submitWithAWrongEntryClassIsOneLineNamingIt() {
        LabRun r = LabRun.of("submit", "--rest-url", restUrl, "--entry-class", "dev.example.NoSuchJob");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().startsWith("lab submit: ").contains("dev.example.NoSuchJob");
    }

    @Test
    void aMistypedJobArgumentIsAUsageErrorBeforeTheUpload() {
        int jobsBefore = LabRun.of("jobs", "--rest-url", restUrl).out().split("\n").length;
        LabRun r = LabRun.of("submit", "--rest-url", restUrl, "--rat", "500");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("lab submit: unknown argument '--rat'");
        assertThat(LabRun.of("jobs", "--rest-url", restUrl).out().split("\n")).as("nothing submitted").hasSize(jobsBefore);
    }

    @Test
    void aKafkaJobWithoutKafkaIsOneLineAndNotSubmitted() throws IOException {
        LabRun r = LabRun.of("submit", "--rest-url", restUrl, "--source", "kafka", "--bootstrap-servers", "localhost:" + EmbeddedFlink.freePort());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("lab submit: no Kafka answers at localhost:").contains("./lab kafka start");
    }

    @Test
    void aRelativeOutputDirIsTheUsersNotTheTaskManagers() {
        assertThat(SubmitCommand.withAbsoluteOutputDir(java.util.List.of("--sink", "file", "--output-dir", "out")))
                .containsExactly("--sink", "file", "--output-dir", Path.of("out").toAbsolutePath().toString());
    }

    @Test
    void submitWithoutAClusterSaysHowToStartOne(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("job.jar"), "not checked before the cluster is");
        LabRun r = LabRun.of("submit", "--rest-url", "http://localhost:" + EmbeddedFlink.freePort(), "--jar", jar.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("lab submit: no Flink cluster answers at http://localhost:").contains("./lab cluster start");
    }

    @Test
    void aJobIdThatIsNoneIsAUsageError() {
        LabRun r = LabRun.of("cancel", "nope", "--rest-url", restUrl);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("a job id is 32 hex digits");
    }

    @Test
    void aJobTheClusterDoesNotKnowIsNamedInOneLine() {
        String unknown = "0123456789abcdef0123456789abcdef";
        for (String command : new String[] {"savepoint", "cancel"}) {
            LabRun r = LabRun.of(command, unknown, "--rest-url", restUrl);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).containsExactly("lab " + command + ": no job " + unknown + " on the cluster at "
                    + restUrl + " ('lab jobs' lists its jobs)");
        }
    }

    @Test
    void stopWithoutSavepointIsAUsageError() {
        LabRun r = LabRun.of("stop", "0123456789abcdef0123456789abcdef", "--rest-url", restUrl);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--savepoint");
    }
}
