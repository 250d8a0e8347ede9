package dev.flinkopslab.platform.deployments;

/** Where a deployment's job runs. SESSION: an existing Flink session cluster, by its REST URL. */
public enum TargetType {
    SESSION
}
