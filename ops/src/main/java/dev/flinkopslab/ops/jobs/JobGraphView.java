package dev.flinkopslab.ops.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.rest.messages.JobPlanInfo;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;

/**
 * The job graph as Flink built it, read back from REST: each task (job vertex) with the operators chained into
 * it, its parallelism, its slot sharing group and how its inputs are connected (FORWARD, HASH, REBALANCE ...).
 * {@code /jobs/{id}} gives the vertices with their slot sharing group ids, and the plan with the edges.
 */
public record JobGraphView(String jobName, List<Task> tasks) {

    /**
     * One task: what runs in one thread per subtask. {@code slotSharingGroup} is Flink's id of the group;
     * {@code inputs} names upstream tasks and the exchange.
     */
    public record Task(String name, List<String> operators, int parallelism, String slotSharingGroup, List<String> inputs) {}

    static JobGraphView of(JobDetailsInfo job) {
        Map<String, String> names = new HashMap<>();
        for (JobDetailsInfo.JobVertexDetailsInfo v : job.getJobVertexInfos()) {
            names.put(v.getJobVertexID().toHexString(), v.getName());
        }
        Map<String, List<String>> inputs = new HashMap<>();
        if (job.getPlan() != null) {
            for (JobPlanInfo.Plan.Node node : job.getPlan().getNodes()) {
                List<String> in = new ArrayList<>();
                // A source's node has no inputs at all (null, not an empty list).
                for (JobPlanInfo.Plan.Node.Input i : node.getInputs() == null ? List.<JobPlanInfo.Plan.Node.Input>of() : node.getInputs()) {
                    in.add(shortName(names.getOrDefault(i.getId(), "?")) + " (" + i.getShipStrategy() + ")");
                }
                inputs.put(node.getId(), in);
            }
        }
        List<Task> tasks = new ArrayList<>();
        for (JobDetailsInfo.JobVertexDetailsInfo v : job.getJobVertexInfos()) {
            // Flink names a task after its chain: "Source: A -> B -> C".
            String group = v.getSlotSharingGroupId() == null ? "unknown" : v.getSlotSharingGroupId().toHexString();
            tasks.add(new Task(shortName(v.getName()), operators(v.getName()), v.getParallelism(), group,
                    inputs.getOrDefault(v.getJobVertexID().toHexString(), List.of())));
        }
        return new JobGraphView(job.getName(), tasks);
    }

    /**
     * "A -> B -> (C -> D, E)": Flink names a task after its chain and brackets an operator's several outputs.
     * Only those brackets go; an operator's own, as in "Measurements source (Kafka)", stay.
     */
    static List<String> operators(String chain) {
        List<String> operators = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        int nameBrackets = 0;
        for (int i = 0; i < chain.length(); i++) {
            char c = chain.charAt(i);
            if (nameBrackets == 0 && (chain.startsWith(" -> ", i) || chain.startsWith(", ", i))) {
                operators.add(name.toString());
                name.setLength(0);
                i += chain.charAt(i) == ',' ? 1 : 3;
                if (i + 1 < chain.length() && chain.charAt(i + 1) == '(') {
                    i++; // Flink's bracket around several outputs
                }
            } else if (c == '(') {
                nameBrackets++;
                name.append(c);
            } else if (c == ')') {
                if (nameBrackets > 0) { // else it closes Flink's bracket
                    nameBrackets--;
                    name.append(c);
                }
            } else {
                name.append(c);
            }
        }
        operators.add(name.toString());
        return operators;
    }

    private static String shortName(String chain) {
        String first = chain.split(" -> ")[0];
        return first.length() > 60 ? first.substring(0, 60) + "..." : first;
    }

    /** Slot sharing group id → the largest parallelism of its tasks, in the order the groups first appear. */
    public Map<String, Integer> slotSharingGroups() {
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (Task t : tasks) {
            groups.merge(t.slotSharingGroup(), t.parallelism(), Math::max);
        }
        return groups;
    }

    /**
     * Slots the job needs: tasks of one slot sharing group share slots, so a group needs as many as its widest
     * task; groups do not share with each other.
     */
    public int slotsNeeded() {
        return slotSharingGroups().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Lines for a terminal: one block per task. */
    public List<String> lines() {
        List<String> groups = new ArrayList<>(slotSharingGroups().keySet());
        int slots = slotsNeeded();
        List<String> out = new ArrayList<>();
        out.add("job graph of '" + jobName + "': " + tasks.size() + " tasks in " + groups.size() + " slot sharing group"
                + (groups.size() == 1 ? "" : "s") + ", so it needs " + slots + " slot" + (slots == 1 ? "" : "s")
                + " (per group, as many as its widest task)");
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            out.add("  task " + (i + 1) + ": parallelism " + t.parallelism()
                    + ", slot sharing group " + (groups.indexOf(t.slotSharingGroup()) + 1) + " (id " + abbreviated(t.slotSharingGroup()) + ")"
                    + ", " + t.operators().size() + " chained operator" + (t.operators().size() == 1 ? "" : "s")
                    + (t.inputs().isEmpty() ? "" : ", input from " + String.join(", ", t.inputs())));
            for (String op : t.operators()) {
                out.add("      " + op);
            }
        }
        return out;
    }

    private static String abbreviated(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
