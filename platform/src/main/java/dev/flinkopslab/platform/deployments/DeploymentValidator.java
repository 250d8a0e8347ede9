package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.flink.FlinkRestException;
import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactRepository;
import dev.flinkopslab.platform.artifacts.ArtifactStore;
import dev.flinkopslab.platform.artifacts.EntryClasses;
import dev.flinkopslab.platform.web.ApiException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What Bean Validation cannot check: the spec against its artifact (the entry class is one it offers) and its
 * target (for a RUNNING spec: the cluster answers and the parallelism fits its slots). Each refusal is a 400
 * naming the field.
 */
@Component
public class DeploymentValidator {
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final FlinkTargets targets;

    public DeploymentValidator(ArtifactRepository artifacts, ArtifactStore store, FlinkTargets targets) {
        this.artifacts = artifacts;
        this.store = store;
        this.targets = targets;
    }

    public void validate(String namespace, DeploymentSpec spec) {
        DeploymentSpec.Template t = spec.template();
        Artifact artifact = artifacts.find(namespace, t.artifactId()).orElseThrow(() -> invalid("spec.template.artifactId",
                "no artifact " + t.artifactId() + " in namespace '" + namespace + "'; upload the JAR first"));
        List<String> offered = EntryClasses.of(store.file(artifact.sha256())).entryClasses();
        if (!offered.contains(t.entryClass())) {
            throw invalid("spec.template.entryClass", "artifact " + artifact.id() + " (" + artifact.fileName()
                    + ") has no entry class '" + t.entryClass() + "'; it offers " + shortList(offered));
        }
        if (spec.state() != DesiredState.RUNNING) {
            return; // the target matters when a job is to run: a cluster that is down must not block a suspend or cancel
        }
        int slots = totalSlots(spec.target());
        if (t.parallelism() > slots) {
            throw invalid("spec.template.parallelism", t.parallelism() + " is more than the " + slots
                    + " slots of the session cluster at " + spec.target().restUrl());
        }
    }

    private int totalSlots(DeploymentSpec.Target target) {
        try {
            return targets.cluster(target).overview().getNumSlotsTotal();
        } catch (FlinkRestException e) {
            throw invalid("spec.target.restUrl", "no Flink session cluster answers at " + target.restUrl() + " ("
                    + e.getMessage() + ")");
        }
    }

    private static String shortList(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " and " + (names.size() - 5) + " more";
    }

    static ApiException invalid(String field, String why) {
        return ApiException.badRequest("invalid field '" + field + "': " + why);
    }
}
