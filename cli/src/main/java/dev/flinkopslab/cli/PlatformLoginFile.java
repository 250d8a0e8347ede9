package dev.flinkopslab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lab platform login} stores: the platform's URL, the user and the API token, in
 * {@code <lab home>/.lab/platform-cli.json}, readable by its owner only (mode 600). {@code LAB_PLATFORM_URL}
 * and {@code LAB_PLATFORM_TOKEN} override it (for CI and scripts); the system property {@code lab.platform.cli}
 * moves the file (tests keep theirs apart from a developer's).
 */
final class PlatformLoginFile {
    static final String DEFAULT_URL = "http://localhost:8080";
    static final String LOGIN_HINT = "run './lab platform login'";

    /** A stored login; tokenId lets logout revoke it. */
    record Login(String url, String user, long tokenId, String token) {}

    /** Where to send calls and with which token, and which file or variable said so. */
    record Target(String url, String token, String tokenSource) {
        PlatformClient client() {
            return PlatformClient.withToken(url, token, tokenSource);
        }
    }

    private final Path file;
    private final Map<String, String> env;

    PlatformLoginFile(Path file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    static PlatformLoginFile standard() {
        String moved = System.getProperty("lab.platform.cli");
        return new PlatformLoginFile(moved != null ? Path.of(moved).toAbsolutePath()
                : OpsSupport.labHome().resolve(".lab/platform-cli.json"), System.getenv());
    }

    Path file() {
        return file;
    }

    /** The URL a login without --url goes to: the environment's, else the stored one's, else localhost:8080. */
    String defaultUrl() {
        return env("LAB_PLATFORM_URL").or(() -> read().map(Login::url)).orElse(DEFAULT_URL);
    }

    /** What the API commands use; without a token anywhere, one line saying to log in. */
    Target target() {
        Optional<String> envUrl = env("LAB_PLATFORM_URL");
        Optional<String> envToken = env("LAB_PLATFORM_TOKEN");
        if (envToken.isPresent()) {
            return new Target(envUrl.or(() -> read().map(Login::url)).orElse(DEFAULT_URL), envToken.get(), "LAB_PLATFORM_TOKEN");
        }
        Login login = read().orElseThrow(() -> new LabException("not logged in to the platform (no " + file
                + ", no LAB_PLATFORM_TOKEN); " + LOGIN_HINT));
        return new Target(envUrl.orElse(login.url()), login.token(), file.toString());
    }

    Optional<Login> read() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            JsonNode n = PlatformClient.JSON.readTree(text);
            if (!n.path("url").isTextual() || !n.path("token").isTextual()) {
                throw new LabException(file + " has no url and token; delete it and " + LOGIN_HINT);
            }
            return Optional.of(new Login(n.get("url").asText(), n.path("user").asText(""), n.path("tokenId").asLong(-1),
                    n.get("token").asText()));
        } catch (JsonProcessingException e) {
            throw new LabException(file + " is not valid JSON; delete it and " + LOGIN_HINT);
        }
    }

    /** Written to a new file of mode 600 and moved over the old one: the token is never readable by others. */
    void write(Login login) {
        ObjectNode n = PlatformClient.JSON.createObjectNode().put("url", login.url()).put("user", login.user())
                .put("tokenId", login.tokenId()).put("token", login.token());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not a POSIX file system: its own ACLs apply
            }
            Files.writeString(tmp, PlatformClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new LabException("cannot write " + file + ": " + tmp + " is in the way; delete it and log in again");
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage());
        }
    }

    boolean delete() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LabException("cannot delete " + file + ": " + e.getMessage());
        }
    }

    Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
