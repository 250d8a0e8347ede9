package dev.flinkopslab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/**
 * {@code --set spec.template.parallelism=2 --set metadata.labels.team=null} as a JSON merge patch. A value is
 * JSON if it reads as JSON (2, true, null, ["--rate","500"], "quoted"), else the text as given (SUSPENDED);
 * null removes the field, so its default applies.
 */
final class SetPatch {
    private static final ObjectReader VALUE = PlatformClient.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SetPatch() {}

    /** The merge patch; an {@link IllegalArgumentException} naming the --set that is wrong and how to write it. */
    static ObjectNode of(List<String> sets) {
        ObjectNode patch = PlatformClient.JSON.createObjectNode();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes <path>=<value>, e.g. --set spec.template.parallelism=2, not '" + set + "'");
            }
            String path = set.substring(0, eq).strip();
            String[] keys = path.split("\\.", -1);
            for (String k : keys) {
                if (k.isBlank()) {
                    throw new IllegalArgumentException("--set '" + set + "': '" + path + "' has an empty part; write the path"
                            + " with single dots, e.g. spec.template.parallelism");
                }
            }
            if (!keys[0].equals("metadata") && !keys[0].equals("spec")) {
                throw new IllegalArgumentException("--set '" + set + "': a patch changes metadata.* or spec.*, not '" + keys[0]
                        + "' (e.g. --set spec.state=SUSPENDED)");
            }
            if (keys.length == 1) {
                throw new IllegalArgumentException("--set '" + set + "': name a field under " + keys[0] + ", e.g. spec.state=SUSPENDED");
            }
            ObjectNode at = patch;
            for (int i = 0; i < keys.length - 1; i++) {
                JsonNode child = at.get(keys[i]);
                if (child != null && !child.isObject()) {
                    throw conflict(set, String.join(".", List.of(keys).subList(0, i + 1)));
                }
                at = child == null ? at.putObject(keys[i]) : (ObjectNode) child;
            }
            String last = keys[keys.length - 1];
            if (at.has(last)) {
                throw conflict(set, path);
            }
            at.set(last, value(set, set.substring(eq + 1)));
        }
        return patch;
    }

    private static IllegalArgumentException conflict(String set, String earlier) {
        return new IllegalArgumentException("--set '" + set + "' overlaps an earlier --set of '" + earlier + "'; set each field once");
    }

    private static JsonNode value(String set, String raw) {
        String v = raw.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("--set '" + set + "' has no value; write <path>=null to remove the field"
                    + " (its default applies), or <path>='\"\"' for an empty text");
        }
        try {
            return VALUE.readTree(v);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(v);
        }
    }
}
