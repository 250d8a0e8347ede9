package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.web.ApiException;
import dev.flinkopslab.platform.web.JsonProblems;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON merge patch (RFC 7386) of a deployment: merged into its metadata and spec, the body a replace would
 * send, then read and checked as that body is. A null removes the field, so the spec's default applies again.
 */
@Component
class DeploymentPatch {
    private final JsonMapper json;
    private final Validator beans;

    DeploymentPatch(JsonMapper json, Validator beans) {
        this.json = json;
        this.beans = beans;
    }

    /** The request the patch makes of {@code current}; a 400 naming the field if it is not a valid one. */
    DeploymentRequest apply(Deployment current, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("a merge patch is a JSON object like {\"spec\": {\"template\": {\"parallelism\": 2}}}");
        }
        for (String field : patch.propertyNames()) {
            if (!field.equals("metadata") && !field.equals("spec")) {
                throw ApiException.badRequest("cannot patch '" + field + "': a patch changes 'metadata' and 'spec'"
                        + (field.equals("status") ? " (only the reconciler writes the status)" : ""));
            }
        }
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("metadata", current.metadata());
        target.put("spec", current.spec());
        JsonNode merged = merge(json.valueToTree(target), patch);
        DeploymentRequest request;
        try {
            // Strict about unknown fields here: a mistyped key in a patch would otherwise change nothing, silently.
            request = json.readerFor(DeploymentRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(merged);
        } catch (JacksonException e) {
            throw ApiException.badRequest(JsonProblems.describe(e));
        }
        Set<ConstraintViolation<DeploymentRequest>> violations = beans.validate(request);
        violations.stream().min(Comparator.comparing(v -> v.getPropertyPath().toString())).ifPresent(v -> {
            throw ApiException.badRequest(v.getPropertyPath().toString().isEmpty() ? "invalid request: " + v.getMessage()
                    : "invalid field '" + v.getPropertyPath() + "': " + v.getMessage());
        });
        return request;
    }

    /** RFC 7386 section 2: objects merge member by member, a null member removes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }
}
