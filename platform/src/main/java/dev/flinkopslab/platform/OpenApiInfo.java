package dev.flinkopslab.platform;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title of the OpenAPI document springdoc serves at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiInfo {
    @Bean
    OpenAPI platformOpenApi() {
        return new OpenAPI().info(new Info().title("flink-ops-lab platform API").version("v1")
                .description("Users, API tokens, artifacts and the audit log of the flink-ops-lab application manager."
                        + " Authenticate with 'Authorization: Bearer <token>' (POST /api/v1/tokens), basic auth or a session."));
    }
}
