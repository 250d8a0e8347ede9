package dev.flinkopslab.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The manifest of learner files as shipped lists every learner file, and (in CI) each is unchanged. */
class ShippedCodeTest {

    @Test
    void theManifestListsExactlyTheLearnerFiles() {
        List<String> learnerFiles = Exercises.all().stream().flatMap(e -> ShippedCode.learnerFiles(e).stream()).toList();
        assertThat(learnerFiles).as("every exercise has a file to edit").hasSizeGreaterThanOrEqualTo(Exercises.all().size());
        assertThat(ShippedCode.manifest().keySet()).as("the files in %s; its lines should be:%n%s", ShippedCode.MANIFEST,
                lines(learnerFiles)).containsExactlyInAnyOrderElementsOf(learnerFiles);
    }

    @Test
    void theLearnerFilesAreAsShipped() {
        List<String> changed = new ArrayList<>();
        Exercises.all().forEach(e -> changed.addAll(ShippedCode.changed(e)));
        if (!ShippedCode.required()) {
            Assumptions.assumeTrue(changed.isEmpty(), () -> "changed since shipped (fine for a learner; CI sets "
                    + ShippedCode.REQUIRED_PROPERTY + "): " + changed);
        }
        assertThat(changed).as("learner files that differ from %s; if the change is meant to ship, its lines are:%n%s",
                ShippedCode.MANIFEST, lines(changed)).isEmpty();
    }

    private static String lines(List<String> files) {
        Map<String, String> hashes = files.stream().collect(Collectors.toMap(f -> f, ShippedCode::sha256));
        return files.stream().sorted().map(f -> hashes.get(f) + "  " + f).collect(Collectors.joining("\n"));
    }
}
