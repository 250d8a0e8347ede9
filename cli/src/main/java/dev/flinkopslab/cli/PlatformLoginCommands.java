package dev.flinkopslab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lab platform login|logout}: an API token made with the user's password, stored for the other commands. */
final class PlatformLoginCommands {
    private PlatformLoginCommands() {}

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = {"Create an API token with your password (POST /api/v1/tokens) and store it with the URL in"
                    + " <lab home>/.lab/platform-cli.json (mode 600) for the other platform commands.",
                    "The password: LAB_PLATFORM_PASSWORD, else asked on the console, else the first line of stdin."})
    static final class Login implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--url", paramLabel = "<url>",
                description = "The platform (default: LAB_PLATFORM_URL, else the stored login's, else " + PlatformLoginFile.DEFAULT_URL + ").")
        String url;

        @Option(names = "--user", defaultValue = "admin", paramLabel = "<user>", description = "Platform user (default: ${DEFAULT-VALUE}).")
        String user;

        @Override
        public Integer call() {
            PlatformLoginFile store = PlatformLoginFile.standard();
            String target = url != null ? url : store.defaultUrl();
            if (!target.matches("https?://[^\\s/]+(/\\S*)?")) {
                throw new ParameterException(spec.commandLine(), "--url must be an http(s) URL like " + PlatformLoginFile.DEFAULT_URL
                        + ", not '" + target + "'");
            }
            if (user.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--user must name a platform user, e.g. --user admin");
            }
            char[] password = password(store, target);
            JsonNode created;
            try {
                created = PlatformClient.withPassword(target, user, password)
                        .post("/api/v1/tokens", PlatformClient.JSON.createObjectNode().put("name", "lab cli"));
            } finally {
                Arrays.fill(password, '\0');
            }
            Optional<PlatformLoginFile.Login> previous = previous(store);
            PlatformLoginFile.Login login = new PlatformLoginFile.Login(target, user, created.path("id").asLong(-1),
                    created.path("token").asText());
            store.write(login);
            PrintWriter out = spec.commandLine().getOut();
            out.println("lab platform: logged in to " + target + " as " + user + "; API token " + login.tokenId()
                    + " stored in " + store.file() + " (mode 600)");
            // The token this login replaces would stay valid, unused: revoke it (if it is already gone, fine).
            previous.filter(p -> p.url().equals(target) && p.tokenId() != login.tokenId()).ifPresent(p -> {
                try {
                    if (PlatformClient.withToken(p.url(), p.token(), store.file().toString())
                            .call("DELETE", "/api/v1/tokens/" + p.tokenId(), null, null).ok()) {
                        out.println("lab platform: revoked the previous token " + p.tokenId());
                    }
                } catch (LabException ignored) {
                    // the new login is stored; an old token that cannot be revoked now is no reason to fail it
                }
            });
            if (store.env("LAB_PLATFORM_TOKEN").isPresent()) {
                out.println("lab platform: note: LAB_PLATFORM_TOKEN is set and is used instead of the stored token");
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static Optional<PlatformLoginFile.Login> previous(PlatformLoginFile store) {
            try {
                return store.read();
            } catch (LabException unreadable) {
                return Optional.empty(); // overwritten by this login
            }
        }

        private char[] password(PlatformLoginFile store, String target) {
            Optional<String> env = store.env("LAB_PLATFORM_PASSWORD");
            if (env.isPresent()) {
                return env.get().toCharArray();
            }
            Console console = System.console();
            char[] typed;
            if (console != null) {
                typed = console.readPassword("Password for %s at %s: ", user, target);
            } else {
                try {
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    typed = line == null ? null : line.toCharArray();
                } catch (IOException e) {
                    typed = null;
                }
            }
            if (typed == null || typed.length == 0) {
                throw new LabException("no password for " + user + ": set LAB_PLATFORM_PASSWORD, type it when asked, or give it"
                        + " on stdin (the first admin's is printed by the first './lab platform start')");
            }
            return typed;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = "Revoke the stored API token on the platform and delete <lab home>/.lab/platform-cli.json.")
    static final class Logout implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PlatformLoginFile store = PlatformLoginFile.standard();
            PrintWriter out = spec.commandLine().getOut();
            Optional<PlatformLoginFile.Login> stored = store.read();
            if (stored.isEmpty()) {
                out.println("lab platform: not logged in (no " + store.file() + ")");
                return ExitCodes.OK;
            }
            PlatformLoginFile.Login login = stored.get();
            PlatformClient client = PlatformClient.withToken(login.url(), login.token(), store.file().toString());
            PlatformClient.Response r;
            try {
                r = client.call("DELETE", "/api/v1/tokens/" + login.tokenId(), null, null);
            } catch (LabException unreachable) {
                // Keep the file: deleting it would leave a live token nobody can name any more.
                throw new LabException(unreachable.getMessage() + "; token " + login.tokenId() + " is not revoked and "
                        + store.file() + " is kept: log out again once the platform runs, or delete the file");
            }
            String revoked;
            if (r.ok()) {
                revoked = "token " + login.tokenId() + " revoked";
            } else if (r.status() == 401 || r.status() == 404) {
                revoked = "token " + login.tokenId() + " was already revoked or unknown";
            } else {
                client.expect(r); // the platform's one line; the file stays
                return ExitCodes.FAILURE;
            }
            store.delete();
            out.println("lab platform: logged out of " + login.url() + ": " + revoked + ", " + store.file() + " deleted");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
