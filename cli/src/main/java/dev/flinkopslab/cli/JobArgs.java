package dev.flinkopslab.cli;

import dev.flinkopslab.pipeline.options.JobArguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The job's options as a command line gave them: lab run parses them as the job does, lab submit forwards them. */
final class JobArgs {
    private JobArgs() {}

    /**
     * The job's options given on this command line, as typed, in the job's program-argument form
     * ({@code --rate 5 --stop-at-latest true}); {@code ownOptions}: the command's own options of the same name.
     */
    static List<String> given(CommandSpec spec, String... ownOptions) {
        Set<String> own = Set.of(ownOptions);
        List<String> args = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            String name = o.longestName();
            if (!own.contains(name) && JobArguments.named(name.substring(2)).isPresent()) {
                args.add(name);
                args.addAll(o.originalStringValues());
            }
        }
        return args;
    }

    /** {@link #given} parsed by the job's parser. */
    static Configuration parse(CommandSpec spec) {
        return JobArguments.parse(given(spec));
    }
}
