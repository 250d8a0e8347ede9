package dev.flinkopslab.platform.deployments;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** A deployment's name (unique in its namespace, a DNS label) and free labels. */
public record Metadata(
        @NotBlank @Pattern(regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?",
                message = "must be a DNS label: lower-case letters, digits and '-', at most 63") String name,
        Map<String, String> labels) {
    public Metadata {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
