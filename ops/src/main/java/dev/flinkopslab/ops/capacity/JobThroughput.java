package dev.flinkopslab.ops.capacity;

import dev.flinkopslab.flink.FlinkJobs;
import dev.flinkopslab.flink.FlinkRestException;
import java.time.Duration;
import org.apache.flink.api.common.JobID;

/**
 * How fast a job got through its records, by Flink's own account of when it ran: the job's {@code duration}
 * in the REST API ({@code /jobs/{id}}, end time minus start time), so a check's own waiting and polling
 * never count.
 */
public final class JobThroughput {
    private JobThroughput() {}

    /** The job's run time so far, or in total once it has ended. */
    public static Duration duration(FlinkJobs jobs, JobID job) throws FlinkRestException {
        return Duration.ofMillis(Math.max(1, jobs.details(job).getDuration()));
    }

    public static double recordsPerSecond(long records, Duration duration) {
        return records * 1000.0 / Math.max(1, duration.toMillis());
    }
}
