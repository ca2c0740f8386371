package dev.taskwire.mqtt;

import dev.taskwire.core.Rejection;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TriggerContext;
import java.time.Duration;
import java.util.Objects;

/**
 * The final outcome of one trigger message. Every message on a task-start topic ends in exactly one
 * outcome, which is logged, passed to listeners, published on the result topic when one is set, and
 * only then acknowledged to the broker.
 */
public sealed interface TriggerOutcome {

  /** The message behind the outcome. */
  TriggerContext context();

  /**
   * A stable code: {@code started}, {@code not-started}, {@code failed}, {@code dead-letter},
   * {@code rejected} or {@code ignored}.
   */
  String code();

  /**
   * The starter answered for every task and no retry was due: each task started, was not started by
   * QRS, or failed in a way that retrying does not mend.
   *
   * @param context the message
   * @param report one result per task
   * @param attempts how many times the start was tried
   * @param elapsed from receipt of the message to the final answer
   */
  record Completed(TriggerContext context, TaskStartReport report, int attempts, Duration elapsed)
      implements TriggerOutcome {
    public Completed {
      Objects.requireNonNull(report, "report == null");
    }

    @Override
    public String code() {
      if (report.allStarted()) {
        return "started";
      }
      boolean anyFailed =
          report.results().stream().anyMatch(r -> r instanceof TaskStartResult.Failed);
      return anyFailed ? "failed" : "not-started";
    }
  }

  /**
   * Some task kept failing in a retryable way until the retries were used up.
   *
   * @param context the message
   * @param report the last results, one per task
   * @param attempts how many times the start was tried
   * @param elapsed from receipt of the message to giving up
   */
  record DeadLettered(
      TriggerContext context, TaskStartReport report, int attempts, Duration elapsed)
      implements TriggerOutcome {
    @Override
    public String code() {
      return "dead-letter";
    }
  }

  /**
   * The message was turned away before any task was started.
   *
   * @param context the message
   * @param rejection why
   */
  record Rejected(TriggerContext context, Rejection rejection) implements TriggerOutcome {
    @Override
    public String code() {
      return "rejected";
    }
  }

  /**
   * The message asked for nothing: a zero-byte payload, which is how a retained message is cleared.
   *
   * @param context the message
   * @param reason why it was ignored
   */
  record Ignored(TriggerContext context, String reason) implements TriggerOutcome {
    @Override
    public String code() {
      return "ignored";
    }
  }
}
