package dev.flinkopslab.platform.deployments;

/**
 * One line on what applying a spec would do, from what the deployment runs now: what a dry run answers, and
 * what the audit event of an apply says. The reconciler's decisions follow the same rules.
 */
public final class ApplyPlan {
    private ApplyPlan() {}

    public static String forCreate(DeploymentSpec spec) {
        return "create; " + (spec.state() == DesiredState.RUNNING ? start(spec)
                : "no job is started (state " + spec.state() + ")");
    }

    public static String forReplace(Deployment current, DeploymentSpec next) {
        DeploymentStatus status = current.status();
        boolean jobRuns = status.jobId() != null;
        if (!jobRuns) {
            return next.state() == DesiredState.RUNNING ? start(next) : "no job runs; nothing to do (state " + next.state() + ")";
        }
        return switch (next.state()) {
            case SUSPENDED -> "stop the job with a savepoint (suspend)";
            case CANCELLED -> "cancel the job, without a savepoint";
            case RUNNING -> next.jobDiffers(status.lastReconciledSpec()) ? upgrade(next) + rollback(next, status)
                    : "no change to the running job";
        };
    }

    /** With a rollback policy and a stable spec, what happens if the new job does not become ready. */
    private static String rollback(DeploymentSpec next, DeploymentStatus status) {
        if (next.rollback() == null || next.upgradeStrategy() == UpgradeStrategy.NONE || status.lastStableSpec() == null) {
            return "";
        }
        return "; rolled back to the running spec if its tasks do not all run within " + next.rollback().readinessWindow();
    }

    private static String upgrade(DeploymentSpec next) {
        int p = next.template().parallelism();
        return switch (next.upgradeStrategy()) {
            case STATEFUL -> "savepoint, then restart at parallelism " + p + where(next) + " from it";
            case STATELESS -> "cancel, then start at parallelism " + p + where(next) + " " + restore(next.restoreStrategy());
            case NONE -> "nothing now: the change applies when the job next starts (upgradeStrategy NONE)";
        };
    }

    private static String start(DeploymentSpec spec) {
        return "start the job at parallelism " + spec.template().parallelism() + where(spec) + " " + restore(spec.restoreStrategy());
    }

    /** LOCAL: the cluster the job gets; a session cluster is the user's own, named in the spec. */
    private static String where(DeploymentSpec spec) {
        DeploymentSpec.Template t = spec.template();
        return spec.target().type() == TargetType.LOCAL ? " in a cluster of its own (1 JobManager, " + t.taskManagers()
                + " TaskManager(s) × " + t.slotsPerTaskManager() + " slot(s))" : "";
    }

    private static String restore(RestoreStrategy strategy) {
        return switch (strategy) {
            case NONE -> "with empty state";
            case LATEST_SAVEPOINT -> "from the newest savepoint, if there is one";
            case LATEST_STATE -> "from the newest savepoint or retained checkpoint, if there is one";
        };
    }
}
