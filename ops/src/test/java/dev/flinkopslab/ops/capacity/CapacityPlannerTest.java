package dev.flinkopslab.ops.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkopslab.pipeline.PipelineParts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {

    @Test
    void parallelismCoversTheTargetWithHeadroom() {
        // 50,000 × 1.3 = 65,000 records/s at 10,000 per slot: 6.5 → 7 slots, on 4-slot TaskManagers 2 of them.
        CapacityPlan plan = CapacityPlanner.plan(50_000, 0.30, 10_000, 4, 8);

        assertThat(plan.parallelism()).isEqualTo(7);
        assertThat(plan.slots()).isEqualTo(7);
        assertThat(plan.taskManagers()).isEqualTo(2);
        assertThat(plan.plannedCapacity()).isEqualTo(70_000);
        assertThat(plan.limitedByPartitions()).isFalse();
    }

    @Test
    void anExactFitNeedsNoExtraSlot() {
        // 65,000 / 13,000 is exactly 5, although 50,000 × 1.3 is not exactly 65,000 in floating point.
        CapacityPlan plan = CapacityPlanner.plan(50_000, 0.30, 13_000, 5, 8);

        assertThat(plan.parallelism()).isEqualTo(5);
        assertThat(plan.taskManagers()).isEqualTo(1);
    }

    @Test
    void aSmallTargetStillNeedsOneSlot() {
        CapacityPlan plan = CapacityPlanner.plan(10, 0.0, 1_000_000, 4, 8);

        assertThat(plan.parallelism()).isEqualTo(1);
        assertThat(plan.taskManagers()).isEqualTo(1);
    }

    @Test
    void noHeadroomMeansTheBareTarget() {
        assertThat(CapacityPlanner.plan(30_000, 0.0, 10_000, 1, 8).parallelism()).isEqualTo(3);
        assertThat(CapacityPlanner.plan(30_001, 0.0, 10_000, 1, 8).parallelism()).isEqualTo(4);
        assertThat(CapacityPlanner.plan(30_001, 0.0, 10_000, 1, 8).taskManagers()).isEqualTo(4);
    }

    @Test
    void moreParallelismThanPartitionsIsFlagged() {
        // 100,000 × 1.3 / 10,000 = 13 subtasks, but only 8 partitions to read.
        CapacityPlan plan = CapacityPlanner.plan(100_000, 0.30, 10_000, 4, 8);

        assertThat(plan.parallelism()).isEqualTo(13);
        assertThat(plan.taskManagers()).isEqualTo(4);
        assertThat(plan.limitedByPartitions()).isTrue();
        assertThat(plan.describe()).contains("8 partitions");
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> CapacityPlanner.plan(0, 0.3, 10_000, 4, 8)).hasMessageContaining("target rate");
        assertThatThrownBy(() -> CapacityPlanner.plan(1_000, -0.1, 10_000, 4, 8)).hasMessageContaining("headroom");
        assertThatThrownBy(() -> CapacityPlanner.plan(1_000, 0.3, 0, 4, 8)).hasMessageContaining("rate per slot");
        assertThatThrownBy(() -> CapacityPlanner.plan(1_000, 0.3, Double.NaN, 4, 8)).hasMessageContaining("rate per slot");
        assertThatThrownBy(() -> CapacityPlanner.plan(1_000, 0.3, 10_000, 0, 8)).hasMessageContaining("slots per TaskManager");
    }

    @Test
    void measuresARatePerSlotAndReportsProgress() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        CapacityPlanner planner = new CapacityPlanner(PipelineParts.REFERENCE, 10_000,
                new PrintStream(lines, true, StandardCharsets.UTF_8));

        CapacityPlan plan = planner.measureAndPlan(1_000_000, CapacityPlanner.DEFAULT_HEADROOM,
                CapacityPlanner.DEFAULT_SLOTS_PER_TASK_MANAGER);

        assertThat(plan.perSlotRate()).isPositive();
        assertThat(plan.parallelism()).isPositive();
        assertThat(lines.toString(StandardCharsets.UTF_8)).contains("parallelism 1:").contains("records/s");
    }
}
