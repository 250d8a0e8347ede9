package dev.flinkopslab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every platform API command shares: {@code -n/--namespace}, {@code -o/--output table|json|yaml}, the
 * client with the stored login, and printing an answer in the chosen form.
 */
final class PlatformApiArgs {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default", paramLabel = "<namespace>",
            description = "The platform namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|json|yaml",
            description = "table (aligned columns, the default), or the API's answer as json or yaml.")
    String output;

    /** Checked before any call, so a mistyped -o needs no platform. */
    PlatformOutput.Format format() {
        try {
            return PlatformOutput.Format.of(output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    boolean table() {
        return format() == PlatformOutput.Format.TABLE;
    }

    PlatformClient client() {
        return PlatformLoginFile.standard().target().client();
    }

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** {@code /api/v1/namespaces/<ns>/...}, each segment encoded. */
    String path(String... segments) {
        String[] all = new String[segments.length + 2];
        all[0] = "namespaces";
        all[1] = namespace;
        System.arraycopy(segments, 0, all, 2, segments.length);
        return PlatformClient.path(all);
    }

    /** The answer as json or yaml; as a table, or {@code empty} when a list has nothing. */
    void print(JsonNode answer, Function<JsonNode, PlatformOutput.Table> table, String empty) {
        PrintWriter out = out();
        switch (format()) {
            case JSON -> out.println(PlatformOutput.json(answer));
            case YAML -> out.println(PlatformOutput.yaml(answer));
            case TABLE -> {
                PlatformOutput.Table t = table.apply(answer.isArray() ? answer : PlatformClient.JSON.createArrayNode().add(answer));
                if (t.isEmpty()) {
                    out.println(empty);
                } else {
                    t.lines().forEach(out::println);
                }
            }
        }
        out.flush();
    }

    /** A change's answer: one line as a table, the resource as json or yaml. */
    void printChange(JsonNode answer, String line) {
        if (table()) {
            out().println(line);
            out().flush();
        } else {
            print(answer, null, null);
        }
    }
}
