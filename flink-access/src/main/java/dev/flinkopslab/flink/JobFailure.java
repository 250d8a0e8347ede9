package dev.flinkopslab.flink;

import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory.ExceptionInfo;

/**
 * One failure from a job's exception history: the exception Flink recorded, where it happened, and its root
 * cause — the innermost "Caused by", where the real reason is under the wrapping exceptions.
 */
public record JobFailure(String exceptionName, String rootCause, String taskName, long timestamp) {

    static JobFailure of(ExceptionInfo info) {
        return new JobFailure(info.getExceptionName(), FlinkErrors.summary(info.getStacktrace()), info.getTaskName(),
                info.getTimestamp());
    }
}
