package dev.flinkopslab.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What blocks a savepoint, read from the task counts {@code /jobs/{id}} gives per vertex. */
class JobsClientTest {

    @Test
    void countsTasksNeitherRunningNorFinishedAcrossVertices() throws Exception {
        var job = dev.flinkopslab.flink.FlinkRestClient.JSON.readTree("""
                {"vertices": [
                  {"tasks": {"CREATED": 0, "DEPLOYING": 2, "INITIALIZING": 1, "RUNNING": 1, "FINISHED": 0}},
                  {"tasks": {"DEPLOYING": 1, "RUNNING": 0, "FINISHED": 4}}
                ]}""");
        assertThat(JobsClient.tasksNotRunning(job)).containsExactly(
                java.util.Map.entry("DEPLOYING", 3), java.util.Map.entry("INITIALIZING", 1));
    }

    @Test
    void runningAndFinishedTasksDoNotBlockASavepoint() throws Exception {
        var job = dev.flinkopslab.flink.FlinkRestClient.JSON.readTree("""
                {"vertices": [{"tasks": {"DEPLOYING": 0, "RUNNING": 3, "FINISHED": 1}}]}""");
        assertThat(JobsClient.tasksNotRunning(job)).isEmpty();
    }
}
