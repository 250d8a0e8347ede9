package dev.flinkopslab.ops.capacity;

import java.util.Locale;

/**
 * How much of the cluster a target rate needs, from a measured rate per slot.
 *
 * @param targetRate records/s the job must sustain
 * @param headroom spare capacity on top of the target, as a fraction (0.3 = 30 %): for catching up after a
 *     restart or a deployment, and for peaks
 * @param perSlotRate records/s one slot (one parallel subtask of every operator) sustains, measured
 * @param parallelism parallel subtasks needed: {@code ceil(targetRate × (1 + headroom) / perSlotRate)}
 * @param slots task slots needed: one per parallel subtask (slot sharing puts one subtask of every operator
 *     into a slot)
 * @param slotsPerTaskManager task slots each TaskManager offers ({@code taskmanager.numberOfTaskSlots})
 * @param taskManagers TaskManagers needed: {@code ceil(slots / slotsPerTaskManager)}
 * @param partitions partitions of the source topic: a source subtask without a partition idles, so a
 *     parallelism above this cannot read faster
 */
public record CapacityPlan(long targetRate, double headroom, double perSlotRate, int parallelism, int slots,
                           int slotsPerTaskManager, int taskManagers, int partitions) {

    /** Whether the topic has fewer partitions than the parallelism needs: add partitions before slots. */
    public boolean limitedByPartitions() {
        return parallelism > partitions;
    }

    /** The records/s the planned parallelism sustains, if it scales linearly. */
    public double plannedCapacity() {
        return parallelism * perSlotRate;
    }

    /** A few lines for a terminal. */
    public String describe() {
        String plan = String.format(Locale.ROOT, """
                target %,d records/s + %.0f%% headroom = %,.0f records/s
                measured %,.0f records/s per slot
                → parallelism %d, %d slots, %d TaskManager(s) with %d slots each (capacity %,.0f records/s)""",
                targetRate, headroom * 100, targetRate * (1 + headroom), perSlotRate, parallelism, slots, taskManagers,
                slotsPerTaskManager, plannedCapacity());
        return limitedByPartitions() ? plan + String.format(Locale.ROOT,
                "%n! the topic has %d partitions: a source parallelism above %d adds idle readers; add partitions first",
                partitions, partitions) : plan;
    }
}
