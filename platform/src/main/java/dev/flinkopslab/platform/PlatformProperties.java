package dev.flinkopslab.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the platform keeps its data and which database it uses.
 *
 * @param dataDir the H2 database (unless {@code dbUrl} names another), the artifacts, the log
 * @param dbUrl a JDBC URL (PostgreSQL: {@code jdbc:postgresql://host/db}); empty: H2 under {@code dataDir/db}
 * @param dbUser the database user (or in the URL); @param dbPassword its password (or in the URL)
 * @param adminPassword the first admin's password; empty: generated and logged once
 * @param flinkClasspath the file listing Flink's runtime jars (runtimes/flink-cluster's build writes it), which the
 *                       LOCAL target's clusters run on
 */
@ConfigurationProperties("lab.platform")
public record PlatformProperties(Path dataDir, String dbUrl, String dbUser, String dbPassword, String adminPassword,
                                 Path flinkClasspath) {
    public PlatformProperties {
        dataDir = (dataDir == null ? Path.of(".lab/platform") : dataDir).toAbsolutePath().normalize();
    }

    /** The JDBC URL in use: the given one, else the H2 file database under the data dir. */
    public String jdbcUrl() {
        return dbUrl == null || dbUrl.isBlank() ? "jdbc:h2:file:" + dataDir.resolve("db/platform") : dbUrl;
    }

    public Path artifactsDir() {
        return dataDir.resolve("artifacts");
    }
}
