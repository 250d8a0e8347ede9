package dev.flinkopslab.cli;

import dev.flinkopslab.flink.FlinkErrors;
import dev.flinkopslab.ops.jobs.OpsException;
import dev.flinkopslab.ops.kafka.KafkaBrokerException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that maps what went wrong to an exit code and a single stderr line. Users and scripts see
 * {@code lab run: <what>. See 'lab run --help'.} — never a stack trace; details go to the Flink log.
 */
final class ExitCodes {
    static final int OK = 0;
    /** The command was fine but the run was not (port taken, job failed). */
    static final int FAILURE = 1;
    /** The command line itself was wrong: unknown option, bad value, invalid configuration. */
    static final int USAGE = 2;

    private ExitCodes() {}

    /** Bad arguments found by picocli, or thrown by our commands as {@link ParameterException}. */
    static final IParameterExceptionHandler PARAMETERS = (ParameterException ex, String[] args) ->
            usage(ex.getCommandLine(), messageOf(ex));

    /** Exceptions from a command's call(): configuration validation (usage) or a failed run. */
    static final IExecutionExceptionHandler EXECUTION = (Exception ex, CommandLine cl, ParseResult parsed) -> {
        if (ex instanceof IllegalArgumentException) {
            // GeneratorConfig / PipelineConfig validation: the user asked for something inconsistent.
            return usage(cl, ex.getMessage());
        }
        if (ex instanceof LabException lab) {
            return fail(cl, lab.getMessage(), lab.exitCode);
        }
        // The operations tooling says what went wrong in one line; "no cluster" gets how to start one.
        if (ex instanceof OpsException ops) {
            return fail(cl, ops.noCluster() ? ops.getMessage() + "; " + OpsSupport.START_HINT : ops.getMessage(), FAILURE);
        }
        if (ex instanceof KafkaBrokerException kafka) {
            return fail(cl, OpsSupport.withHint(kafka), FAILURE);
        }
        return fail(cl, "failed: " + FlinkErrors.rootCause(ex) + " (details in " + LabLog.file() + ")", FAILURE);
    };

    static int usage(CommandLine cl, String message) {
        String name = cl.getCommandSpec().qualifiedName();
        return fail(cl, withoutFinalDot(message) + ". See '" + name + " --help'.", USAGE);
    }

    static int fail(CommandLine cl, String message, int code) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(message));
        err.flush();
        return code;
    }

    private static String messageOf(ParameterException ex) {
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // picocli prints suggestions on extra lines; keep them on the one line.
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        return message;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static String withoutFinalDot(String s) {
        String t = oneLine(s);
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
