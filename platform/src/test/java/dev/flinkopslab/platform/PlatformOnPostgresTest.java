package dev.flinkopslab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole service on PostgreSQL, as {@code --db-url} gives it: Flyway migrates it, the first admin logs in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lab.platform.admin-password=" + PlatformOnPostgresTest.ADMIN_PASSWORD)
class PlatformOnPostgresTest {
    static final String ADMIN_PASSWORD = "postgres-admin-password";
    private static final EmbeddedPostgres POSTGRES = start();

    @Value("${local.server.port}")
    int port;

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        registry.add("lab.platform.db-url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("lab.platform.db-user", () -> "postgres");
        registry.add("lab.platform.data-dir", Files.createTempDirectory("platform-pg-test")::toString);
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @Test
    void theFirstAdminAndATokenOnPostgres() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tokens"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        String value = token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/me"))
                .header("Authorization", "Bearer " + value).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"admin\"", "\"default\":\"ADMIN\"");
        try (var c = POSTGRES.getPostgresDatabase().getConnection(); var rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM audit_event WHERE action = 'token.created'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the audit event is in PostgreSQL").isEqualTo(1);
        }
    }
}
