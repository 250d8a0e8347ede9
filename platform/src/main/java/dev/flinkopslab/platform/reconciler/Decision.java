package dev.flinkopslab.platform.reconciler;

/** What the reconciler does for a deployment this round, and why (one line, for the log and the events). */
public record Decision(Kind kind, String reason) {

    public enum Kind {
        /** nothing to do but record what was observed */
        OBSERVE,
        /** Flink cannot be read: try again next round */
        WAIT,
        /** record a new job (id generated now) as the intent, then submit it */
        START,
        /** the intent's job id is not in Flink yet: submit it (again) with that id */
        SUBMIT,
        /** the intent's job id already runs in Flink: take it as the deployment's job, do not submit again */
        ADOPT,
        /** record a savepoint (trigger id generated now) as the intent, then stop the job with it */
        SUSPEND,
        /** the same, as the first half of a STATEFUL upgrade */
        UPGRADE_STATEFUL,
        /** poll the intent's savepoint (trigger it with the same id only if Flink never heard of it) */
        POLL_SAVEPOINT,
        /** record the cancel as the intent, then cancel the job */
        CANCEL,
        /** the same, as the first half of a STATELESS upgrade */
        UPGRADE_STATELESS,
        /** wait until the intent's cancel shows in Flink */
        POLL_CANCEL,
        /** the job failed (or vanished) while the deployment should run: restart it, or FAILED when attempts are used up */
        RESTART,
        /** no job, and none should run: record the state the spec asks for */
        SETTLE,
        /** a USER or PERIODIC savepoint is PENDING: poll it (trigger it with its recorded id if Flink never heard of it) */
        POLL_PENDING_SAVEPOINT,
        /** the schedule is due: record a PERIODIC savepoint (trigger id generated now), then trigger it; the job runs on */
        PERIODIC_SAVEPOINT,
        /**
         * the spec's job did not become ready in the readiness window, or could not be started: record the rollback,
         * cancel that job if it still exists, start the last stable spec
         */
        ROLLBACK
    }

    static Decision of(Kind kind, String reason) {
        return new Decision(kind, reason);
    }
}
