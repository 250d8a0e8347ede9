package dev.flinkopslab.cli;

import dev.flinkopslab.pipeline.options.JobArgument;
import dev.flinkopslab.pipeline.options.JobArguments;
import dev.flinkopslab.pipeline.options.JobOptions;
import dev.flinkopslab.pipeline.options.Target;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Set;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement.TextStyle;

/**
 * The help of the job's options, from their ConfigOptions: the description, then the default where the job
 * runs ({@code target}). A resource bundle, since picocli looks an option's description up there by its name.
 */
final class JobOptionHelp extends ListResourceBundle {
    private final Target target;
    private final Set<String> ownOptions;

    /** {@code ownOptions}: names the command uses for options of its own, e.g. lab submit's --parallelism. */
    JobOptionHelp(Target target, String... ownOptions) {
        this.target = target;
        this.ownOptions = Set.of(ownOptions);
    }

    @Override
    protected Object[][] getContents() {
        return JobArguments.ALL.stream().filter(a -> !ownOptions.contains(a.name()))
                .map(a -> new Object[] {a.name(), text(a, target)}).toArray(Object[][]::new);
    }

    static String text(JobArgument<?> arg, Target target) {
        String description = new PlainText().format(arg.option().description());
        String shown = defaultShown(arg, target);
        return shown == null ? description
                : description.replaceAll("\\.$", "") + " (default: " + shown + ").";
    }

    /** null when the option has none (its description says what happens then), or is a flag, off. */
    private static String defaultShown(JobArgument<?> arg, Target target) {
        if (arg.option() == JobOptions.RESTART_STRATEGY) {
            return target.restartStrategy + ": " + target.why;
        }
        if (arg.option() == JobOptions.RESTART_ATTEMPTS) {
            return target.restartAttempts == Integer.MAX_VALUE ? "unlimited" : String.valueOf(target.restartAttempts);
        }
        Object value = arg.option().hasDefaultValue() ? arg.option().defaultValue() : null;
        if (value == null || value instanceof List<?> list && list.isEmpty() || Boolean.FALSE.equals(value)) {
            return null;
        }
        return value instanceof Duration d ? DurationConverter.format(d) : String.valueOf(value);
    }

    /** Flink formats descriptions as HTML for its docs; the terminal wants the text. */
    private static final class PlainText extends Formatter {
        @Override
        protected void formatLink(StringBuilder out, String link, String description) {
            out.append(description);
        }

        @Override
        protected void formatLineBreak(StringBuilder out) {
            out.append(' ');
        }

        @Override
        protected void formatText(StringBuilder out, String format, String[] elements, EnumSet<TextStyle> styles) {
            out.append(String.format(format, (Object[]) elements));
        }

        @Override
        protected void formatList(StringBuilder out, String[] elements) {
            out.append(String.join("; ", elements));
        }

        @Override
        protected Formatter newInstance() {
            return new PlainText();
        }
    }
}
