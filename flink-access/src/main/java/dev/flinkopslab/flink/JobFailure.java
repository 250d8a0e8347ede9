package dev.flinkopslab.flink;

import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory.ExceptionInfo;

/**
 * One failure from a job's exception history: the exception Flink recorded (its first line), where it
 * happened, and its root cause — the innermost "Caused by", where the real reason often is under the wrapping
 * exceptions.
 */
public record JobFailure(String exception, String rootCause, String taskName, long timestamp) {

    static JobFailure of(ExceptionInfo info) {
        String trace = info.getStacktrace() == null ? info.getExceptionName() : info.getStacktrace();
        return new JobFailure(FlinkErrors.summary(FlinkRestClient.firstLine(trace)), FlinkErrors.summary(trace),
                info.getTaskName(), info.getTimestamp());
    }

    /** One line: the exception, and its root cause where that is another. */
    public String describe() {
        return exception.equals(rootCause) ? exception : exception + " (root cause: " + rootCause + ")";
    }
}
