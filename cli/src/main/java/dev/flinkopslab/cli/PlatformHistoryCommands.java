package dev.flinkopslab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lab platform savepoints list NAME} and {@code lab platform events [NAME]}: what happened, newest first. */
final class PlatformHistoryCommands {
    private PlatformHistoryCommands() {}

    @Command(name = "savepoints", mixinStandardHelpOptions = true, description = "A deployment's savepoints.",
            subcommands = {Savepoints.List.class})
    static final class Savepoints implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return ExitCodes.usage(spec.commandLine(), "missing command: list");
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "A deployment's savepoints: origin, state, location.")
        static final class List implements Callable<Integer> {
            @Mixin
            PlatformApiArgs api;

            @Parameters(paramLabel = "NAME", description = "The deployment.")
            String name;

            @Override
            public Integer call() {
                api.format();
                api.print(api.client().get(api.path("deployments", name, "savepoints")), PlatformOutput::savepoints,
                        "deployment '" + name + "' has no savepoints yet");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = {"Without NAME: the namespace's audit log (who changed what).",
                    "With NAME: that deployment's events (what the reconciler saw and did)."})
    static final class Events implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "A deployment.")
        String name;

        @Override
        public Integer call() {
            api.format();
            if (name == null) {
                api.print(api.client().get(api.path("events")), PlatformOutput::auditEvents,
                        "no events in namespace '" + api.namespace + "'");
            } else {
                api.print(api.client().get(api.path("deployments", name, "events")), PlatformOutput::deploymentEvents,
                        "deployment '" + name + "' has no events yet");
            }
            return ExitCodes.OK;
        }
    }
}
