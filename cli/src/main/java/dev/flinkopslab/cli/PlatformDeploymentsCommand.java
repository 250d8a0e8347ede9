package dev.flinkopslab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lab platform deployments ...}: the namespace's deployments. The platform's reconciler acts on what is
 * written here; these commands only change the spec ({@code apply}, {@code patch}, {@code suspend} ...) and read.
 */
@Command(name = "deployments", mixinStandardHelpOptions = true,
        description = "List, show, apply, patch, suspend, resume, cancel or delete deployments; their jobs.",
        subcommands = {PlatformDeploymentsCommand.List.class, PlatformDeploymentsCommand.Get.class,
                PlatformDeploymentsCommand.Apply.class, PlatformDeploymentsCommand.Patch.class,
                PlatformDeploymentsCommand.Suspend.class, PlatformDeploymentsCommand.Resume.class,
                PlatformDeploymentsCommand.Cancel.class, PlatformDeploymentsCommand.Delete.class,
                PlatformDeploymentsCommand.Jobs.class})
final class PlatformDeploymentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.usage(spec.commandLine(), "missing command: list, get, apply, patch, suspend, resume, cancel, delete or jobs");
    }

    static String noDeployments(String namespace) {
        return "no deployments in namespace '" + namespace + "'; create one with 'lab platform deployments apply -f FILE.yaml'";
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The namespace's deployments: desired and observed state, job, parallelism.")
    static final class List implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Override
        public Integer call() {
            api.format();
            api.print(api.client().get(api.path("deployments")), PlatformOutput::deployments, noDeployments(api.namespace));
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "One deployment; '-o yaml' prints all of it, a file 'apply -f' takes back.")
    static final class Get implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "NAME", description = "The deployment.")
        String name;

        @Override
        public Integer call() {
            api.format();
            JsonNode d = api.client().get(api.path("deployments", name));
            api.print(d, PlatformOutput::deployments, "");
            if (api.table() && d.at("/status/lastError").isTextual()) {
                api.out().println("last error: " + d.at("/status/lastError").asText());
                api.out().flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Create the deployment in FILE (YAML or JSON: metadata and spec) if absent, else replace it.",
                    "Only metadata (name, labels) and spec are sent; a status or id in the file (as 'get -o yaml' prints) is left out."})
    static final class Apply implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "<file>", description = "The deployment, .yaml/.yml or .json.")
        Path file;

        @Option(names = "--dry-run", description = "Validate and print what the apply would do; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            api.format();
            JsonNode doc = readFile(api.mixee, file);
            String namespace = namespace(doc);
            ObjectNode body = body(doc);
            String name = body.at("/metadata/name").asText();
            api.namespace = namespace;
            PlatformClient client = api.client();
            String query = dryRun ? "?dryRun=true" : "";
            boolean exists = client.find(api.path("deployments", name)).isPresent();
            JsonNode answer = exists ? client.put(api.path("deployments", name) + query, body)
                    : client.post(api.path("deployments") + query, body);
            String line;
            if (dryRun) {
                line = "deployment '" + name + "' (dry run, nothing changed): " + (exists ? "replace; " : "")
                        + answer.path("plan").asText();
            } else {
                line = "deployment '" + name + "' " + (exists ? "replaced" : "created") + " in namespace '" + namespace
                        + "': generation " + answer.path("generation").asText() + ", spec.state " + answer.at("/spec/state").asText();
            }
            api.printChange(answer, line);
            return ExitCodes.OK;
        }

        /** -n if given; else the file's own namespace (a 'get -o yaml' has it); else default. */
        private String namespace(JsonNode doc) {
            boolean given = api.mixee.commandLine().getParseResult().hasMatchedOption("--namespace");
            JsonNode inFile = doc.get("namespace");
            if (inFile == null || !inFile.isTextual()) {
                return api.namespace;
            }
            if (given && !inFile.asText().equals(api.namespace)) {
                throw new ParameterException(api.mixee.commandLine(), file + " is for namespace '" + inFile.asText()
                        + "', and -n says '" + api.namespace + "'; drop one of them");
            }
            return inFile.asText();
        }

        private ObjectNode body(JsonNode doc) {
            JsonNode metadata = doc.get("metadata");
            if (metadata == null || !metadata.path("name").isTextual() || metadata.path("name").asText().isBlank()) {
                throw new ParameterException(api.mixee.commandLine(), file + " has no metadata.name; a deployment file has"
                        + " metadata (name, labels) and spec, as 'lab platform deployments get NAME -o yaml' prints");
            }
            ObjectNode m = PlatformClient.JSON.createObjectNode().put("name", metadata.get("name").asText());
            if (metadata.has("labels")) {
                m.set("labels", metadata.get("labels"));
            }
            ObjectNode body = PlatformClient.JSON.createObjectNode();
            body.set("metadata", m);
            body.set("spec", doc.get("spec")); // a missing spec: the platform names it
            return body;
        }
    }

    /** The file as a tree: .json as JSON, anything else as YAML; a usage error names what is wrong and where. */
    static JsonNode readFile(CommandSpec spec, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no file " + file.toAbsolutePath().normalize()
                    + "; give the deployment as -f orders.yaml (or .json)");
        }
        boolean json = file.getFileName().toString().toLowerCase().endsWith(".json");
        ObjectMapper mapper = json ? PlatformClient.JSON : PlatformOutput.YAML;
        try {
            JsonNode doc = mapper.readTree(file.toFile());
            if (doc == null || !doc.isObject()) {
                throw new ParameterException(spec.commandLine(), file + " holds no deployment: expected an object with metadata and spec");
            }
            return doc;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            // Jackson names the source in a "[Source: ...; line: 2, column: 10]"; the file is named already
            String problem = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
            if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
                // SnakeYAML's own message spans lines and quotes the input; its problem and position say it all
                where = " at line " + (y.getProblemMark().getLine() + 1) + ", column " + (y.getProblemMark().getColumn() + 1);
                problem = y.getProblem();
            }
            throw new ParameterException(spec.commandLine(), file + " is not valid " + (json ? "JSON" : "YAML") + where + ": " + problem);
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "patch", mixinStandardHelpOptions = true,
            description = {"Change fields of a deployment (a JSON merge patch): --set spec.template.parallelism=2 ...",
                    "A value is JSON if it reads as JSON (2, true, [\"--rate\",\"500\"]), else text; null removes the field (its default applies)."})
    static final class Patch implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "NAME", description = "The deployment.")
        String name;

        @Option(names = "--set", required = true, paramLabel = "<path>=<value>",
                description = "A field under metadata or spec, e.g. spec.state=SUSPENDED, metadata.labels.team=lab; repeatable.")
        java.util.List<String> sets;

        @Option(names = "--dry-run", description = "Validate and print what the patch would do; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            api.format();
            ObjectNode patch;
            try {
                patch = SetPatch.of(sets);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(api.mixee.commandLine(), e.getMessage());
            }
            JsonNode answer = api.client().patch(api.path("deployments", name) + (dryRun ? "?dryRun=true" : ""), patch);
            api.printChange(answer, dryRun ? "deployment '" + name + "' (dry run, nothing changed): " + answer.path("plan").asText()
                    : "deployment '" + name + "' patched: generation " + answer.path("generation").asText() + ", spec.state "
                    + answer.at("/spec/state").asText() + ", parallelism " + answer.at("/spec/template/parallelism").asText());
            return ExitCodes.OK;
        }
    }

    /** suspend, resume, cancel: a patch of spec.state; the reconciler does the rest. */
    abstract static class StateChange implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "NAME", description = "The deployment.")
        String name;

        abstract String state();

        abstract String what();

        @Override
        public Integer call() {
            api.format();
            ObjectNode patch = PlatformClient.JSON.createObjectNode();
            patch.putObject("spec").put("state", state());
            JsonNode d = api.client().patch(api.path("deployments", name), patch);
            api.printChange(d, "deployment '" + name + "': spec.state " + state() + " (generation " + d.path("generation").asText()
                    + ", observed " + d.at("/status/state").asText() + "); the reconciler " + what()
                    + "; follow it with 'lab platform deployments get " + name + "'");
            return ExitCodes.OK;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Set spec.state SUSPENDED: stop the job with a savepoint.")
    static final class Suspend extends StateChange {
        String state() {
            return "SUSPENDED";
        }

        String what() {
            return "stops the job with a savepoint";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Set spec.state RUNNING: start the job (per restoreStrategy).")
    static final class Resume extends StateChange {
        String state() {
            return "RUNNING";
        }

        String what() {
            return "starts the job per its restoreStrategy";
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Set spec.state CANCELLED: cancel the job, without a savepoint.")
    static final class Cancel extends StateChange {
        String state() {
            return "CANCELLED";
        }

        String what() {
            return "cancels the job, without a savepoint";
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a deployment (refused while its job runs: suspend or cancel it first).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "NAME", description = "The deployment.")
        String name;

        @Override
        public Integer call() {
            api.format();
            api.client().delete(api.path("deployments", name));
            api.out().println("deployment '" + name + "' deleted from namespace '" + api.namespace + "'");
            api.out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "A deployment's Flink jobs, one per submission, newest first.")
    static final class Jobs implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "NAME", description = "The deployment.")
        String name;

        @Override
        public Integer call() {
            api.format();
            api.print(api.client().get(api.path("deployments", name, "jobs")), PlatformOutput::jobs,
                    "deployment '" + name + "' has had no job yet");
            return ExitCodes.OK;
        }
    }
}
