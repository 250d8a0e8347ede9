package dev.flinkopslab.ops.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkopslab.flink.FlinkRestClient;
import java.io.IOException;
import java.time.Duration;

/**
 * How fast a job got through its records, by Flink's own account of when it ran: the job's {@code duration}
 * in the REST API ({@code /jobs/{id}}, end time minus start time), so a check's own waiting and polling
 * never count.
 */
public final class JobThroughput {
    private JobThroughput() {}

    /** The job's run time so far, or in total once it has ended. */
    public static Duration duration(FlinkRestClient rest, String jobId) throws IOException {
        JsonNode job = rest.get("/jobs/" + jobId);
        return Duration.ofMillis(Math.max(1, job.path("duration").asLong()));
    }

    public static double recordsPerSecond(long records, Duration duration) {
        return records * 1000.0 / Math.max(1, duration.toMillis());
    }
}
