package dev.flinkopslab.ops.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.junit.jupiter.api.Test;

/** What JobsClient decides by itself, before asking Flink. */
class JobsClientTest {

    @Test
    void aJobIdIsCheckedBeforeAnythingIsSent() {
        assertThat(JobsClient.checkId("0123456789abcdef0123456789abcdef").toHexString())
                .isEqualTo("0123456789abcdef0123456789abcdef");
        assertThatThrownBy(() -> JobsClient.checkId("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a job id is 32 hex digits (see 'lab jobs'); got 'nope'");
    }

    @Test
    void onlyReasonsThatMeanTheJobIsRestartingAreRetried() {
        assertThat(JobsClient.RESTARTING).contains(CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING,
                CheckpointFailureReason.JOB_FAILOVER_REGION);
        assertThat(JobsClient.RESTARTING).doesNotContain(CheckpointFailureReason.CHECKPOINT_EXPIRED,
                CheckpointFailureReason.IO_EXCEPTION, CheckpointFailureReason.CHECKPOINT_DECLINED);
    }
}
