package dev.taskwire.mqtt;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Receives the trigger's counts and timings. Every method has an empty default, so an
 * implementation records only what it needs; {@link #NONE} records nothing. {@link
 * dev.taskwire.mqtt.metrics.MicrometerTriggerMetrics} records to a Micrometer registry.
 *
 * <p>Called on the trigger's threads, possibly several at once; implementations are thread-safe and
 * quick.
 */
public interface TriggerMetrics {

  /** Records nothing. */
  TriggerMetrics NONE = new TriggerMetrics() {};

  /** A message arrived on a task-start topic. */
  default void received() {}

  /** A request passed parsing and filters and was handed to the starter. */
  default void accepted() {}

  /** A start was tried again after a retryable failure. */
  default void retried() {}

  /** One call of the starter took {@code elapsed} (for QRS: the HTTP round trips of one start). */
  default void startCall(Duration elapsed) {}

  /** A message reached its final outcome, {@code elapsed} after it was received. */
  default void outcome(TriggerOutcome outcome, Duration elapsed) {}

  /** Called once when the trigger is built, with live views of its state for gauges. */
  default void bind(
      Supplier<Integer> inFlight, Supplier<Integer> queued, Supplier<ConnectionState> state) {}
}
