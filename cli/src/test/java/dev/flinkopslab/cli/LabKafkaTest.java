package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab kafka} refuses a taken port in one line, before it starts or writes anything. */
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
}
