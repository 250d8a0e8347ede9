package dev.flinkopslab.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Task names as Flink builds them from chains: the operators come back one by one, with their own brackets. */
class JobGraphViewTest {

    @Test
    void splitsAChainAndItsBracketedOutputs() {
        assertThat(JobGraphView.operators("Source: Measurements source (Kafka) -> Deserialize JSON -> (Format dead-letters -> Sink: Writer, Count late records)"))
                .containsExactly("Source: Measurements source (Kafka)", "Deserialize JSON", "Format dead-letters",
                        "Sink: Writer", "Count late records");
        assertThat(JobGraphView.operators("Windows per location")).containsExactly("Windows per location");
    }
}
