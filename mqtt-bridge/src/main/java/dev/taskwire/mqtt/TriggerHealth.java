package dev.taskwire.mqtt;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A trigger's health at one moment, for an application's health check.
 *
 * @param connection where the broker connection stands
 * @param qrsReachable whether the last start got an answer from QRS (any HTTP status), false when
 *     it got none (network failure or timeout), null before the first start
 * @param lastStarted when a task was last started, or null
 * @param lastFailure when a task last failed to start, or null
 * @param inFlight starts running now
 * @param queued requests waiting for a start slot
 */
public record TriggerHealth(
    ConnectionState connection,
    @Nullable Boolean qrsReachable,
    @Nullable Instant lastStarted,
    @Nullable Instant lastFailure,
    int inFlight,
    int queued) {

  /** Tells whether the trigger takes messages and QRS was not last seen unreachable. */
  public boolean healthy() {
    return connection == ConnectionState.CONNECTED && !Boolean.FALSE.equals(qrsReachable);
  }
}
