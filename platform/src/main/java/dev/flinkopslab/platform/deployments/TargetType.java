package dev.flinkopslab.platform.deployments;

/**
 * Where a deployment's job runs. LOCAL: a Flink cluster of its own on this machine, in application mode, started
 * for each job and stopped when the job ends (as Ververica Platform and the Kubernetes operator give each
 * deployment its own cluster). SESSION: an existing Flink session cluster, by its REST URL.
 */
public enum TargetType {
    LOCAL,
    SESSION
}
