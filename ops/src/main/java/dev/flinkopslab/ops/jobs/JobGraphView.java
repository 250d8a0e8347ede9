package dev.flinkopslab.ops.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job graph as Flink built it, read back from REST: each task (job vertex) with the operators chained into
 * it, its parallelism and how its inputs are connected (FORWARD, HASH, REBALANCE ...).
 */
public record JobGraphView(String jobName, List<Task> tasks) {

    /** One task: what runs in one thread per subtask. {@code inputs} names upstream tasks and the exchange. */
    public record Task(String name, List<String> operators, int parallelism, List<String> inputs) {}

    static JobGraphView of(JsonNode job, JsonNode plan) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode v : job.path("vertices")) {
            names.put(v.path("id").asText(), v.path("name").asText());
        }
        Map<String, List<String>> inputs = new HashMap<>();
        for (JsonNode node : plan.path("plan").path("nodes")) {
            List<String> in = new ArrayList<>();
            for (JsonNode i : node.path("inputs")) {
                in.add(shortName(names.getOrDefault(i.path("id").asText(), "?")) + " (" + i.path("ship_strategy").asText() + ")");
            }
            inputs.put(node.path("id").asText(), in);
        }
        List<Task> tasks = new ArrayList<>();
        for (JsonNode v : job.path("vertices")) {
            String name = v.path("name").asText();
            // Flink names a task after its chain: "Source: A -> B -> C".
            tasks.add(new Task(shortName(name), operators(name), v.path("parallelism").asInt(),
                    inputs.getOrDefault(v.path("id").asText(), List.of())));
        }
        return new JobGraphView(job.path("name").asText(), tasks);
    }

    /** "A -> B -> (C -> D, E)": Flink names a task after its chain, brackets an operator's several outputs. */
    private static List<String> operators(String chain) {
        return List.of(chain.replace("(", "").replace(")", "").split(" -> |, "));
    }

    private static String shortName(String chain) {
        String first = chain.split(" -> ")[0];
        return first.length() > 60 ? first.substring(0, 60) + "..." : first;
    }

    /** Lines for a terminal: one block per task. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        int slots = 0;
        for (Task t : tasks) {
            slots = Math.max(slots, t.parallelism());
        }
        out.add("job graph of '" + jobName + "': " + tasks.size() + " tasks; all in slot sharing group 'default' "
                + "(the pipeline sets no other), so it needs " + slots + " slot" + (slots == 1 ? "" : "s"));
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            out.add("  task " + (i + 1) + ": parallelism " + t.parallelism() + ", " + t.operators().size()
                    + " chained operator" + (t.operators().size() == 1 ? "" : "s")
                    + (t.inputs().isEmpty() ? "" : ", input from " + String.join(", ", t.inputs())));
            for (String op : t.operators()) {
                out.add("      " + op);
            }
        }
        return out;
    }
}
