package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab kafka} refuses a taken port in one line, before it starts or writes anything; a run that needs a
 * Kafka which is not there says so instead of running on with nothing to read.
 */
class LabKafkaTest {
    @Test
    void kafkaStartOnATakenPortSaysSoInOneLine(@TempDir Path work) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path workDir = work.resolve("kafka");
            LabRun r = LabRun.of("kafka", "start", "--port", Integer.toString(taken.getLocalPort()),
                    "--work-dir", workDir.toString());

            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.errLines()).singleElement().asString()
                    .contains("lab kafka start:", "port " + taken.getLocalPort() + " is already in use", "--port");
            assertThat(workDir).as("nothing started, nothing written").doesNotExist();
        }
    }

    @Test
    void runFromKafkaWithoutABrokerSaysSoInOneLine() throws Exception {
        int nobody = EmbeddedFlink.freePort();
        LabRun r = LabRun.of("run", "--source", "kafka", "--bootstrap-servers", "localhost:" + nobody,
                "--port", Integer.toString(EmbeddedFlink.freePort()));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.errLines()).singleElement().asString()
                .isEqualTo("lab run: no Kafka answers at localhost:" + nobody
                        + " within 5 s; start one with './lab kafka start' or give --bootstrap-servers");
        assertThat(r.out()).as("no job started").doesNotContain("job graph");
    }
}
