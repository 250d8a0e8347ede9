package dev.flinkopslab.flink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.runtime.messages.webmonitor.JobDetails;
import org.apache.flink.runtime.rest.handler.async.AsynchronousOperationResult;
import org.apache.flink.runtime.rest.messages.EmptyMessageParameters;
import org.apache.flink.runtime.rest.messages.EmptyRequestBody;
import org.apache.flink.runtime.rest.messages.JobCancellationHeaders;
import org.apache.flink.runtime.rest.messages.JobCancellationMessageParameters;
import org.apache.flink.runtime.rest.messages.JobExceptionsHeaders;
import org.apache.flink.runtime.rest.messages.JobExceptionsInfoWithHistory.RootExceptionInfo;
import org.apache.flink.runtime.rest.messages.JobIDPathParameter;
import org.apache.flink.runtime.rest.messages.JobMessageParameters;
import org.apache.flink.runtime.rest.messages.JobVertexIdPathParameter;
import org.apache.flink.runtime.rest.messages.job.JobExceptionsMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointIdPathParameter;
import org.apache.flink.runtime.rest.messages.JobVertexBackPressureHeaders;
import org.apache.flink.runtime.rest.messages.JobVertexBackPressureInfo;
import org.apache.flink.runtime.rest.messages.JobVertexMessageParameters;
import org.apache.flink.runtime.rest.messages.JobsOverviewHeaders;
import org.apache.flink.runtime.rest.messages.MessageParameters;
import org.apache.flink.runtime.rest.messages.MessageQueryParameter;
import org.apache.flink.runtime.rest.messages.TerminationModeQueryParameter.TerminationMode;
import org.apache.flink.runtime.rest.messages.TriggerId;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointMessageParameters;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatisticDetailsHeaders;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatistics;
import org.apache.flink.runtime.rest.messages.checkpoints.CheckpointingStatisticsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsHeaders;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.runtime.rest.messages.job.JobStatusInfoHeaders;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedMetric;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedSubtaskMetricsHeaders;
import org.apache.flink.runtime.rest.messages.job.metrics.AggregatedSubtaskMetricsParameters;
import org.apache.flink.runtime.rest.messages.job.metrics.JobVertexWatermarksHeaders;
import org.apache.flink.runtime.rest.messages.job.metrics.Metric;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointInfo;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointStatusHeaders;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointStatusMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointTriggerHeaders;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointTriggerMessageParameters;
import org.apache.flink.runtime.rest.messages.job.savepoints.SavepointTriggerRequestBody;
import org.apache.flink.runtime.rest.messages.job.savepoints.stop.StopWithSavepointRequestBody;
import org.apache.flink.runtime.rest.messages.job.savepoints.stop.StopWithSavepointTriggerHeaders;
import org.apache.flink.runtime.rest.messages.queue.QueueStatus;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * What a Flink cluster's REST API says about its jobs, and what it can be asked to do with them, in Flink's
 * own types ({@link JobStatus}, {@code ExecutionState}, its REST response bodies) through the message headers
 * Flink's own client and Web UI use. Everything in the project that reads or operates a job goes through here.
 */
public final class FlinkJobs {
    /** The key of Flink's MetricsFilterParameter ("get"), which it does not publish as a constant. */
    private static final String METRICS_FILTER_KEY = "get";

    private final FlinkRestClient rest;

    public FlinkJobs(FlinkRestClient rest) {
        this.rest = rest;
    }

    /** @param baseUrl for example {@code http://localhost:8081} */
    public FlinkJobs(String baseUrl) {
        this(new FlinkRestClient(baseUrl));
    }

    public String baseUrl() {
        return rest.baseUrl();
    }

    /** All jobs the cluster knows, running or ended (as far as its history goes). */
    public List<JobDetails> overview() throws FlinkRestException {
        return new ArrayList<>(rest.call(JobsOverviewHeaders.getInstance(), EmptyMessageParameters.getInstance(),
                EmptyRequestBody.getInstance()).getJobs());
    }

    /** Whether the cluster knows the job: Flink's handlers answer an unknown id with 404 or 500 alike. */
    public boolean knows(JobID job) throws FlinkRestException {
        return overview().stream().anyMatch(j -> j.getJobId().equals(job));
    }

    /** The job's current status (the /status endpoint is current; the job details are cached for seconds). */
    public JobStatus status(JobID job) throws FlinkRestException {
        return rest.call(JobStatusInfoHeaders.getInstance(), jobParameters(job), EmptyRequestBody.getInstance())
                .getJobStatus();
    }

    /** The job with its vertices, their task states and parallelism, and the plan. */
    public JobDetailsInfo details(JobID job) throws FlinkRestException {
        return rest.call(JobDetailsHeaders.getInstance(), jobParameters(job), EmptyRequestBody.getInstance());
    }

    public TaskStates tasks(JobID job) throws FlinkRestException {
        return TaskStates.of(details(job));
    }

    /** The failures the job went through, newest first: each one a restart, or the final failure. */
    public List<RootExceptionInfo> exceptionHistory(JobID job) throws FlinkRestException {
        JobExceptionsMessageParameters parameters = new JobExceptionsMessageParameters();
        parameters.jobPathParameter.resolve(job);
        List<RootExceptionInfo> history = new ArrayList<>(rest.call(JobExceptionsHeaders.getInstance(), parameters,
                EmptyRequestBody.getInstance()).getExceptionHistory().getEntries());
        history.sort(Comparator.comparingLong(RootExceptionInfo::getTimestamp).reversed());
        return history;
    }

    public int failureCount(JobID job) throws FlinkRestException {
        return exceptionHistory(job).size();
    }

    /** Every failure the history holds (up to Flink's {@code web.exception-history-size}), newest first. */
    public List<JobFailure> failures(JobID job) throws FlinkRestException {
        return exceptionHistory(job).stream().map(JobFailure::of).toList();
    }

    /** The newest failure, with its root cause; empty if the job never failed. */
    public Optional<JobFailure> latestFailure(JobID job) throws FlinkRestException {
        return exceptionHistory(job).stream().findFirst().map(JobFailure::of);
    }

    /**
     * The oldest failure the history still holds: in a restart loop, the one that started it. Later entries are
     * often its consequences (a lost operator event, a task already failed), not the cause.
     */
    public Optional<JobFailure> firstFailure(JobID job) throws FlinkRestException {
        List<RootExceptionInfo> history = exceptionHistory(job);
        return history.isEmpty() ? Optional.empty() : Optional.of(JobFailure.of(history.get(history.size() - 1)));
    }

    public CheckpointingStatistics checkpoints(JobID job) throws FlinkRestException {
        return rest.call(CheckpointingStatisticsHeaders.getInstance(), jobParameters(job), EmptyRequestBody.getInstance());
    }

    /**
     * The savepoint a job ended with (a stop-with-savepoint), read from its checkpoint history: its newest completed
     * savepoint, when no completed checkpoint came after it. What tells a stop's outcome once Flink has forgotten the
     * trigger's result ({@code rest.async.store-duration}).
     */
    public Optional<String> finalSavepoint(JobID job) throws FlinkRestException {
        CheckpointingStatistics.LatestCheckpoints latest = checkpoints(job).getLatestCheckpoints();
        CheckpointStatistics.CompletedCheckpointStatistics savepoint = latest.getSavepointStatistics();
        CheckpointStatistics.CompletedCheckpointStatistics checkpoint = latest.getCompletedCheckpointStatistics();
        if (savepoint == null || savepoint.getExternalPath() == null
                || (checkpoint != null && checkpoint.getId() > savepoint.getId())) {
            return Optional.empty();
        }
        return Optional.of(savepoint.getExternalPath());
    }

    public long completedCheckpoints(JobID job) throws FlinkRestException {
        return checkpoints(job).getCounts().getNumberCompletedCheckpoints();
    }

    /** One checkpoint with its statistics per task (state size, duration, acknowledged subtasks). */
    public CheckpointStatistics checkpoint(JobID job, long checkpointId) throws FlinkRestException {
        CheckpointMessageParameters parameters = new CheckpointMessageParameters();
        parameters.jobPathParameter.resolve(job);
        resolveByKey(parameters, CheckpointIdPathParameter.KEY, Long.toString(checkpointId));
        return rest.call(CheckpointStatisticDetailsHeaders.getInstance(), parameters, EmptyRequestBody.getInstance());
    }

    public JobVertexBackPressureInfo backPressure(JobID job, JobVertexID vertex) throws FlinkRestException {
        return rest.call(JobVertexBackPressureHeaders.getInstance(), vertexParameters(job, vertex),
                EmptyRequestBody.getInstance());
    }

    /** Each subtask's current input watermark ({@code <subtask>.currentInputWatermark}, in ms). */
    public List<Metric> watermarks(JobID job, JobVertexID vertex) throws FlinkRestException {
        return new ArrayList<>(rest.call(JobVertexWatermarksHeaders.INSTANCE, vertexParameters(job, vertex),
                EmptyRequestBody.getInstance()).getMetrics());
    }

    /** The metrics a vertex's subtasks report (their names only). */
    public List<String> vertexMetricNames(JobID job, JobVertexID vertex) throws FlinkRestException {
        return rest.call(AggregatedSubtaskMetricsHeaders.getInstance(), metricParameters(job, vertex, null),
                EmptyRequestBody.getInstance()).getMetrics().stream().map(AggregatedMetric::getId).toList();
    }

    /** One metric aggregated over the vertex's subtasks (min, max, avg, sum); empty if no subtask reports it. */
    public Optional<AggregatedMetric> vertexMetric(JobID job, JobVertexID vertex, String metric) throws FlinkRestException {
        return rest.call(AggregatedSubtaskMetricsHeaders.getInstance(), metricParameters(job, vertex, metric),
                EmptyRequestBody.getInstance()).getMetrics().stream().findFirst();
    }

    /**
     * Sum over subtasks of an operator metric, for operators whose metric name starts with
     * {@code operatorPrefix} (Flink replaces spaces and special characters in operator names by '_').
     */
    public long operatorMetricSum(JobID job, String operatorPrefix, String metric) throws FlinkRestException {
        long sum = 0;
        for (JobDetailsInfo.JobVertexDetailsInfo vertex : details(job).getJobVertexInfos()) {
            for (String id : vertexMetricNames(job, vertex.getJobVertexID())) {
                if (id.startsWith(operatorPrefix) && id.endsWith("." + metric)) {
                    Double value = vertexMetric(job, vertex.getJobVertexID(), id).map(AggregatedMetric::getSum).orElse(0.0);
                    sum += value == null ? 0 : value.longValue();
                }
            }
        }
        return sum;
    }

    /**
     * Records the job's sources have emitted, summed over subtasks: the source operators' own numRecordsOut
     * (not the vertex's write-records, which counts what leaves the whole chain over the network).
     */
    public long sourceRecordsOut(JobID job) throws FlinkRestException {
        return operatorMetricSum(job, "Source", "numRecordsOut");
    }

    public void cancel(JobID job) throws FlinkRestException {
        JobCancellationMessageParameters parameters = new JobCancellationMessageParameters().resolveJobId(job)
                .resolveTerminationMode(TerminationMode.CANCEL);
        rest.call(JobCancellationHeaders.getInstance(), parameters, EmptyRequestBody.getInstance());
    }

    /**
     * Asks for a savepoint; {@code directory} null means the cluster's default. The trigger id is ours, so a
     * caller that retries after a lost answer asks for the same savepoint, not a second one.
     */
    public TriggerId triggerSavepoint(JobID job, String directory, TriggerId trigger) throws FlinkRestException {
        SavepointTriggerMessageParameters parameters = new SavepointTriggerMessageParameters();
        parameters.jobID.resolve(job);
        return rest.call(SavepointTriggerHeaders.getInstance(), parameters,
                new SavepointTriggerRequestBody(directory, false, SavepointFormatType.CANONICAL, trigger)).getTriggerId();
    }

    /** Stops the job gracefully (sources first) with a final savepoint; poll it with {@link #savepoint}. */
    public TriggerId triggerStopWithSavepoint(JobID job, String directory, TriggerId trigger) throws FlinkRestException {
        SavepointTriggerMessageParameters parameters = new SavepointTriggerMessageParameters();
        parameters.jobID.resolve(job);
        return rest.call(StopWithSavepointTriggerHeaders.getInstance(), parameters,
                new StopWithSavepointRequestBody(directory, false, SavepointFormatType.CANONICAL, trigger)).getTriggerId();
    }

    /** The outcome of a savepoint (or stop-with-savepoint) once Flink reports it done; empty while in progress. */
    public Optional<SavepointOutcome> savepoint(JobID job, TriggerId trigger) throws FlinkRestException {
        SavepointStatusMessageParameters parameters = new SavepointStatusMessageParameters();
        parameters.jobIdPathParameter.resolve(job);
        parameters.triggerIdPathParameter.resolve(trigger);
        AsynchronousOperationResult<SavepointInfo> result = rest.call(SavepointStatusHeaders.getInstance(), parameters,
                EmptyRequestBody.getInstance());
        if (result.queueStatus().getId() != QueueStatus.Id.COMPLETED) {
            return Optional.empty();
        }
        return Optional.of(SavepointOutcome.of(result.resource()));
    }

    private static JobMessageParameters jobParameters(JobID job) {
        JobMessageParameters parameters = new JobMessageParameters();
        parameters.jobPathParameter.resolve(job);
        return parameters;
    }

    private static JobVertexMessageParameters vertexParameters(JobID job, JobVertexID vertex) {
        JobVertexMessageParameters parameters = new JobVertexMessageParameters();
        parameters.jobPathParameter.resolve(job);
        parameters.jobVertexIdPathParameter.resolve(vertex);
        return parameters;
    }

    private static AggregatedSubtaskMetricsParameters metricParameters(JobID job, JobVertexID vertex, String metric) {
        AggregatedSubtaskMetricsParameters parameters = new AggregatedSubtaskMetricsParameters();
        resolveByKey(parameters, JobIDPathParameter.KEY, job.toHexString());
        resolveByKey(parameters, JobVertexIdPathParameter.KEY, vertex.toHexString());
        if (metric != null) {
            resolveByKey(parameters, METRICS_FILTER_KEY, metric);
        }
        return parameters;
    }

    /** Flink keeps some parameters of its message classes private; they resolve by their documented key. */
    private static void resolveByKey(MessageParameters parameters, String key, String value) {
        parameters.getPathParameters().stream().filter(p -> p.getKey().equals(key)).forEach(p -> resolveFromString(p, value));
        for (MessageQueryParameter<?> p : parameters.getQueryParameters()) {
            if (p.getKey().equals(key)) {
                resolveFromString(p, value);
            }
        }
    }

    private static void resolveFromString(org.apache.flink.runtime.rest.messages.MessageParameter<?> p, String value) {
        try {
            p.resolveFromString(value);
        } catch (org.apache.flink.runtime.rest.messages.ConversionException e) {
            throw new IllegalArgumentException("not a valid " + p.getKey() + ": " + value, e);
        }
    }
}
