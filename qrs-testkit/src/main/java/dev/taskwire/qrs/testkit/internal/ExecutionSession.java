package dev.taskwire.qrs.testkit.internal;

/**
 * A snapshot of a live execution session.
 *
 * @param id the session id, what a synchronous start answers
 * @param taskId the task that runs
 * @param executionResultId the id of the current attempt's result row
 * @param retries how many times the execution has retried
 * @param abortReason 0 unless the execution was stopped
 */
public record ExecutionSession(
    String id, String taskId, String executionResultId, int retries, int abortReason) {}
