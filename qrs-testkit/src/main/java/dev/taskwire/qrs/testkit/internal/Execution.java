package dev.taskwire.qrs.testkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One execution session: the statuses it goes through and its current attempt. Not thread-safe:
 * {@link ExecutionEngine} reads and changes it under its own lock only.
 */
final class Execution {

  private final String id;
  private final String taskId;
  private final List<Integer> steps;
  private final Instant triggered;
  private final List<ExecutionResult.Detail> details = new ArrayList<>();
  private String resultId = Guids.random();
  private int retries;
  private int abortReason;
  private boolean finished;
  private int status = 1;
  private @Nullable Instant rowStart;
  private @Nullable Instant rowStop;

  Execution(String id, String taskId, List<Integer> steps, Instant triggered) {
    this.id = id;
    this.taskId = taskId;
    this.steps = steps;
    this.triggered = triggered;
  }

  String id() {
    return id;
  }

  String taskId() {
    return taskId;
  }

  String resultId() {
    return resultId;
  }

  boolean finished() {
    return finished;
  }

  boolean hasMoreSteps(int index) {
    return !finished && index + 1 < steps.size();
  }

  /**
   * Applies step {@code index}. A step after a Retry opens a new attempt with a new result row; the
   * closed attempt's row is returned so that it can be kept, else null.
   */
  @Nullable ExecutionResult apply(int index, Instant now) {
    ExecutionResult closedAttempt = null;
    if (rowStart != null && status == Statuses.RETRY) {
      rowStop = now;
      closedAttempt = current();
      retries++;
      resultId = Guids.random();
      details.clear();
      rowStart = null;
      rowStop = null;
    }
    if (rowStart == null) {
      rowStart = now;
    }
    int next = steps.get(index);
    addDetail(
        "Changing task state from " + Statuses.name(status) + " to " + Statuses.name(next), now);
    status = next;
    if (Statuses.isFinal(next)) {
      rowStop = now;
      finished = true;
    }
    return closedAttempt;
  }

  /** Ends the execution as Aborted, the outcome of a stop call. */
  void abort(Instant now) {
    if (rowStart == null) {
      rowStart = now;
    }
    addDetail(
        "Task was stopped; changing task state from " + Statuses.name(status) + " to Aborted", now);
    status = Statuses.ABORTED;
    abortReason = 1;
    rowStop = now;
    finished = true;
  }

  /** The current attempt's row as it stands. */
  ExecutionResult current() {
    Instant start = rowStart == null ? triggered : rowStart;
    return new ExecutionResult(resultId, id, taskId, status, start, rowStop, List.copyOf(details));
  }

  ExecutionSession session() {
    return new ExecutionSession(id, taskId, resultId, retries, abortReason);
  }

  private void addDetail(String message, Instant now) {
    details.add(new ExecutionResult.Detail(Guids.random(), message, now));
  }
}
