package dev.taskwire.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The outcome of starting one task: started, not started, or failed. */
public sealed interface TaskStartResult {

  /** The task as QRS knows it: its ID where known, otherwise the name or selector asked for. */
  String task();

  /** Tells whether QRS accepted the start. */
  default boolean started() {
    return this instanceof Started;
  }

  /**
   * QRS accepted the start.
   *
   * @param task the task ID
   * @param executionSessionId the execution session QRS returned, or null when the start call
   *     returns none (the asynchronous form)
   * @param execution how the execution ended, when the starter was asked to track it
   */
  record Started(
      String task, @Nullable String executionSessionId, @Nullable TaskExecution execution)
      implements TaskStartResult {
    public Started {
      Objects.requireNonNull(task, "task == null");
    }

    /** Creates a result for a start that was not tracked. */
    public Started(String task, @Nullable String executionSessionId) {
      this(task, executionSessionId, null);
    }
  }

  /**
   * QRS answered the call but did not start the task: it returned the all-zero execution session,
   * which it does when the task is disabled, no scheduler is available, or the task is already
   * running. Retrying at once would give the same answer.
   *
   * @param task the task ID
   * @param reason what QRS's answer means
   */
  record NotStarted(String task, String reason) implements TaskStartResult {
    public NotStarted {
      Objects.requireNonNull(task, "task == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * The start failed.
   *
   * @param task the task ID or the selector that could not be resolved
   * @param kind the class of failure, which says whether a retry may help
   * @param message what went wrong, naming the endpoint, the status and QRS's own message
   * @param httpStatus QRS's HTTP status, or 0 when there was no answer
   */
  record Failed(String task, FailureKind kind, String message, int httpStatus)
      implements TaskStartResult {
    public Failed {
      Objects.requireNonNull(task, "task == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(message, "message == null");
    }

    /** Tells whether a later attempt at the same start may succeed. */
    public boolean retryable() {
      return kind.retryable();
    }
  }
}
