package dev.taskwire.mqtt.internal;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.mqtt.TriggerOutcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Remembers what the last outcomes said about QRS, for {@link dev.taskwire.mqtt.TriggerHealth}. */
public final class HealthTracker {

  private volatile @Nullable Boolean qrsReachable;
  private volatile @Nullable Instant lastStarted;
  private volatile @Nullable Instant lastFailure;

  void record(TriggerOutcome outcome) {
    TaskStartReport report;
    if (outcome instanceof TriggerOutcome.Completed completed) {
      report = completed.report();
    } else if (outcome instanceof TriggerOutcome.DeadLettered dead) {
      report = dead.report();
    } else {
      return;
    }
    Instant now = Instant.now();
    for (TaskStartResult result : report.results()) {
      if (result instanceof TaskStartResult.Failed failed) {
        lastFailure = now;
        qrsReachable = failed.kind() != FailureKind.NETWORK && failed.kind() != FailureKind.TIMEOUT;
      } else {
        qrsReachable = true;
        if (result.started()) {
          lastStarted = now;
        }
      }
    }
  }

  public @Nullable Boolean qrsReachable() {
    return qrsReachable;
  }

  public @Nullable Instant lastStarted() {
    return lastStarted;
  }

  public @Nullable Instant lastFailure() {
    return lastFailure;
  }
}
