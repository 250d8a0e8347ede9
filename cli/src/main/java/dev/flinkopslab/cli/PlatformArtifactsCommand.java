package dev.flinkopslab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab platform artifacts upload|list|get|delete}: the namespace's job JARs. */
@Command(name = "artifacts", mixinStandardHelpOptions = true, description = "Upload, list, show or delete job JARs on the platform.",
        subcommands = {PlatformArtifactsCommand.Upload.class, PlatformArtifactsCommand.List.class,
                PlatformArtifactsCommand.Get.class, PlatformArtifactsCommand.Delete.class})
final class PlatformArtifactsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.usage(spec.commandLine(), "missing command: upload, list, get or delete");
    }

    @Command(name = "upload", mixinStandardHelpOptions = true, description = "Upload a JAR; prints its id, which a deployment's spec.template.artifactId names.")
    static final class Upload implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "FILE", description = "The JAR.")
        Path file;

        @Override
        public Integer call() {
            api.format();
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(api.mixee.commandLine(), "no file " + file.toAbsolutePath().normalize()
                        + "; give the path of a JAR, e.g. pipeline/target/flink-ops-lab-job.jar");
            }
            JsonNode a = api.client().upload(api.path("artifacts"), file);
            api.printChange(a, "artifact " + a.path("id").asText() + " uploaded: " + a.path("fileName").asText() + ", "
                    + PlatformOutput.size(a.path("sizeBytes").asLong()) + ", sha256 " + PlatformOutput.abbreviate(a.path("sha256").asText(), 12));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The namespace's artifacts.")
    static final class List implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Override
        public Integer call() {
            api.format();
            api.print(api.client().get(api.path("artifacts")), PlatformOutput::artifacts,
                    "no artifacts in namespace '" + api.namespace + "'; upload one with 'lab platform artifacts upload FILE'");
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One artifact.")
    static final class Get implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "ID", description = "The artifact's id (see 'lab platform artifacts list').")
        long id;

        @Override
        public Integer call() {
            api.format();
            api.print(api.client().get(api.path("artifacts", Long.toString(id))), PlatformOutput::artifacts, "");
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an artifact (refused while a deployment names it).")
    static final class Delete implements Callable<Integer> {
        @Mixin
        PlatformApiArgs api;

        @Parameters(paramLabel = "ID", description = "The artifact's id.")
        long id;

        @Override
        public Integer call() {
            api.format();
            api.client().delete(api.path("artifacts", Long.toString(id)));
            api.out().println("artifact " + id + " deleted");
            api.out().flush();
            return ExitCodes.OK;
        }
    }
}
