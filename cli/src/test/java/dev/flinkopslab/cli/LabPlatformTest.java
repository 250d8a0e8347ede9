package dev.flinkopslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab platform start|status|stop} against the real process: start waits for health UP and prints the
 * generated admin password once, the API answers with it, status tells, stop ends exactly that process.
 */
class LabPlatformTest {
    @Test
    void startStatusStopTheRealProcess(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("platform");
        String port = Integer.toString(EmbeddedFlink.freePort());
        long t0 = System.nanoTime();
        LabRun start = LabRun.of("platform", "start", "--port", port, "--data-dir", dataDir.toString());
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        try {
            assertThat(start.exitCode()).as(start.err()).isEqualTo(ExitCodes.OK);
            assertThat(start.out()).contains("lab platform: running, pid ", "http://localhost:" + port);
            Matcher pw = Pattern.compile("user 'admin', password (\\S+) ").matcher(start.out());
            assertThat(pw.find()).as("the generated password is printed: " + start.out()).isTrue();
            System.out.println("lab platform start took " + startMillis + " ms");

            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/me"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + pw.group(1)).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"username\":\"admin\"", "\"default\":\"ADMIN\"");

            long pid = Long.parseLong(Files.readString(dataDir.resolve("platform.pid")).strip());
            LabRun status = LabRun.of("platform", "status", "--data-dir", dataDir.toString());
            assertThat(status.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(status.out().strip()).isEqualTo("lab platform: running, pid " + pid + ", http://localhost:" + port + ", health UP");

            LabRun again = LabRun.of("platform", "start", "--port", port, "--data-dir", dataDir.toString());
            assertThat(again.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(again.errLines()).singleElement().asString()
                    .contains("lab platform start: the platform is already running (pid " + pid, "./lab platform stop");

            LabRun stop = LabRun.of("platform", "stop", "--data-dir", dataDir.toString());
            assertThat(stop.out().strip()).isEqualTo("lab platform: stopped (pid " + pid + ")");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(Files.readString(dataDir.resolve("platform.log"))).contains("Started PlatformApplication");

            LabRun after = LabRun.of("platform", "status", "--data-dir", dataDir.toString());
            assertThat(after.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(after.out()).contains("lab platform: not running", "./lab platform start");
        } finally {
            LabRun.of("platform", "stop", "--data-dir", dataDir.toString());
        }
    }

    @Test
    void badOptionsAndATakenPortGetOneLine(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("platform");
        LabRun badPort = LabRun.of("platform", "start", "--port", "0", "--data-dir", dataDir.toString());
        assertThat(badPort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPort.errLines()).singleElement().asString()
                .isEqualTo("lab platform start: --port must be 1 to 65535, not 0. See 'lab platform start --help'.");

        LabRun badUrl = LabRun.of("platform", "start", "--db-url", "postgres://x", "--data-dir", dataDir.toString());
        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badUrl.errLines()).singleElement().asString().contains("--db-url must be a JDBC URL");

        try (ServerSocket taken = new ServerSocket(0)) {
            LabRun r = LabRun.of("platform", "start", "--port", Integer.toString(taken.getLocalPort()), "--data-dir", dataDir.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.errLines()).singleElement().asString()
                    .contains("lab platform start:", "port " + taken.getLocalPort() + " is already in use", "--port");
        }
        assertThat(dataDir).as("nothing started, nothing written").doesNotExist();
    }
}
