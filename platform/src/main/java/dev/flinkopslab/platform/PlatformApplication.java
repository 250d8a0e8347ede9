package dev.flinkopslab.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The application manager's service: users and tokens, artifacts, the audit log, deployments and their
 * reconciler. {@code lab platform start} runs this class as its own JVM; options as
 * {@code --port=8080 --data-dir=.lab/platform --db-url=jdbc:postgresql://...} (see application.properties).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PlatformApplication {
    public static void main(String[] args) {
        SpringApplication.run(PlatformApplication.class, args);
    }
}
