package dev.taskwire.qrs.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one execution result row: one attempt of an execution.
 *
 * @param id the result's id
 * @param executionId the id of the execution session it belongs to
 * @param taskId the task that ran
 * @param status the status code
 * @param startTime when the attempt started
 * @param stopTime when it stopped, or null while running
 * @param details the status changes so far, oldest first
 */
public record ExecutionResult(
    String id,
    String executionId,
    String taskId,
    int status,
    Instant startTime,
    @Nullable Instant stopTime,
    List<Detail> details) {

  /** The run time in milliseconds: up to the stop, or 0 while running as QRS answers. */
  public long durationMillis() {
    return stopTime == null ? 0 : Duration.between(startTime, stopTime).toMillis();
  }

  /**
   * One message in an execution result.
   *
   * @param id the detail's id
   * @param message the text
   * @param createdAt when it was written
   */
  public record Detail(String id, String message, Instant createdAt) {}
}
