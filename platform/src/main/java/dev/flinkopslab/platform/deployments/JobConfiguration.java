package dev.flinkopslab.platform.deployments;

import dev.flinkopslab.platform.PlatformProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.springframework.stereotype.Component;

/**
 * The Flink configuration a deployment's job runs with: the template's options over the platform's defaults —
 * checkpoints in {@code <data-dir>/checkpoints/<ns>/<name>}, retained when the job is cancelled or fails (what
 * LATEST_STATE restores from), savepoints in {@code <data-dir>/savepoints/<ns>/<name>}. Local paths: right for
 * this machine's clusters; a cluster elsewhere needs shared directories in the template.
 */
@Component
public class JobConfiguration {
    private final PlatformProperties props;

    public JobConfiguration(PlatformProperties props) {
        this.props = props;
    }

    public Map<String, String> of(Deployment d, DeploymentSpec spec) {
        Map<String, String> options = new HashMap<>(spec.template().flinkConfiguration());
        Configuration given = Configuration.fromMap(options);
        defaultTo(options, given, CheckpointingOptions.CHECKPOINTS_DIRECTORY, defaultDir("checkpoints", d));
        defaultTo(options, given, CheckpointingOptions.SAVEPOINT_DIRECTORY, defaultDir("savepoints", d));
        defaultTo(options, given, CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION.name());
        return options;
    }

    /** Sets {@code option} unless the template has it, under its key or a deprecated one. */
    private static void defaultTo(Map<String, String> options, Configuration given, ConfigOption<?> option, String value) {
        if (!given.contains(option)) {
            options.put(option.key(), value);
        }
    }

    /** Where the job's savepoints go (the template's directory, by its current or its deprecated key, else ours). */
    public String savepointDir(Deployment d, DeploymentSpec spec) {
        return Configuration.fromMap(of(d, spec)).get(CheckpointingOptions.SAVEPOINT_DIRECTORY);
    }

    /** Where the job's checkpoints go: its retained ones are in {@code <this>/<job id>/chk-<n>}. */
    public String checkpointDir(Deployment d, DeploymentSpec spec) {
        return Configuration.fromMap(of(d, spec)).get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
    }

    private String defaultDir(String kind, Deployment d) {
        return props.dataDir().resolve(kind).resolve(d.namespace()).resolve(d.metadata().name()).toUri().toString();
    }
}
