package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkopslab.ops.cluster.ClusterStatus;
import dev.flinkopslab.ops.cluster.ClusterStatus.Overview;
import dev.flinkopslab.ops.cluster.ClusterStatus.RunningProcess;
import dev.flinkopslab.ops.kafka.KafkaBrokerException;
import dev.flinkopslab.ops.kafka.KafkaStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How the CLI words what {@code ops} observed: a cluster's and a broker's status, hints included, without any process. */
class OpsStatusLinesTest {
    private static final Path WORK = Path.of("/lab/.lab/cluster");
    private static final String URL = "http://localhost:8081";

    @Test
    void noClusterSaysWhereItLookedAndHowToStartOne() {
        assertThat(ClusterCommand.statusLines(new ClusterStatus(WORK, URL, List.of(), Optional.empty())))
                .containsExactly("no cluster is running from /lab/.lab/cluster; start one with './lab cluster start'");
    }

    @Test
    void aRunningClusterHasItsFiguresThenALineAProcess() {
        ClusterStatus s = new ClusterStatus(WORK, URL,
                List.of(new RunningProcess("taskmanager-1", 12), new RunningProcess("jobmanager", 11)),
                Optional.of(new Overview(1, 2, 1, 1)));
        assertThat(ClusterCommand.statusLines(s)).containsExactly(
                "cluster at http://localhost:8081: 1 TaskManagers, 2 slots (1 free), 1 jobs running",
                "  taskmanager-1    pid 12",
                "  jobmanager       pid 11");
    }

    @Test
    void processesWhoseRestApiDoesNotAnswerAreSaidSo() {
        ClusterStatus s = new ClusterStatus(WORK, URL, List.of(new RunningProcess("jobmanager", 11)), Optional.empty());
        assertThat(ClusterCommand.statusLines(s)).containsExactly(
                "cluster processes are running, but the REST API at http://localhost:8081 does not answer yet",
                "  jobmanager       pid 11");
    }

    @Test
    void kafkaNotRunningSaysWhereItLookedAndHowToStartIt() {
        KafkaStatus s = new KafkaStatus(9092, Path.of("/lab/.lab/kafka/kafka.pid"), OptionalLong.empty(), false, Map.of());
        assertThat(KafkaCommand.statusLine(s))
                .isEqualTo("lab kafka: not running (no live broker in /lab/.lab/kafka/kafka.pid); start it with './lab kafka start'");
    }

    @Test
    void kafkaRunningNamesItsTopicsOrThatItDoesNotAnswerYet() {
        Path pidFile = Path.of("/lab/.lab/kafka/kafka.pid");
        assertThat(KafkaCommand.statusLine(new KafkaStatus(9092, pidFile, OptionalLong.of(7), true, Map.of("measurements", 8))))
                .isEqualTo("lab kafka: running, pid 7, bootstrap servers localhost:9092, topic measurements (8 partitions)");
        assertThat(KafkaCommand.statusLine(new KafkaStatus(9092, pidFile, OptionalLong.of(7), true,
                Map.of("results", 4, "measurements", 8))))
                .endsWith("topics measurements (8 partitions), results (4 partitions)");
        assertThat(KafkaCommand.statusLine(new KafkaStatus(9092, pidFile, OptionalLong.of(7), true, Map.of())))
                .endsWith("localhost:9092, no topics");
        assertThat(KafkaCommand.statusLine(new KafkaStatus(9092, pidFile, OptionalLong.of(7), false, Map.of())))
                .isEqualTo("lab kafka: running, pid 7, bootstrap servers localhost:9092, but it does not answer yet");
    }

    @Test
    void whatAJobNeedsFromKafkaComesWithHowToProvideIt() {
        assertThat(OpsSupport.withHint(new KafkaBrokerException("no Kafka answers at localhost:1 within 5 s",
                KafkaBrokerException.Missing.BROKER)))
                .isEqualTo("no Kafka answers at localhost:1 within 5 s; start one with './lab kafka start' or give --bootstrap-servers");
        assertThat(OpsSupport.withHint(new KafkaBrokerException("Kafka at localhost:1 has no topic 'x'",
                KafkaBrokerException.Missing.TOPIC)))
                .isEqualTo("Kafka at localhost:1 has no topic 'x'; 'lab kafka start' creates 'measurements', or name the topic with --topic");
        assertThat(OpsSupport.withHint(new KafkaBrokerException("could not create topic x"))).isEqualTo("could not create topic x");
    }
}
