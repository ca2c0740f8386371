package dev.taskwire.core;

import java.util.List;
import java.util.Objects;

/**
 * What became of one {@link TaskStartRequest}: one result per task it named or resolved to.
 *
 * @param request the request as it reached the starter
 * @param results one result per task, in the order the tasks were named or found
 */
public record TaskStartReport(TaskStartRequest request, List<TaskStartResult> results) {

  public TaskStartReport {
    Objects.requireNonNull(request, "request == null");
    results = List.copyOf(results);
  }

  /** Tells whether every task was started. */
  public boolean allStarted() {
    return !results.isEmpty() && results.stream().allMatch(TaskStartResult::started);
  }

  /** Tells whether some task failed in a way that a later attempt may mend. */
  public boolean anyRetryable() {
    return results.stream().anyMatch(r -> r instanceof TaskStartResult.Failed f && f.retryable());
  }
}
