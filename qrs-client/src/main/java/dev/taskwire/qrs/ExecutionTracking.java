package dev.taskwire.qrs;

import java.time.Duration;
import java.util.Objects;

/**
 * Follows each started execution until it ends, by polling QRS: first after {@code
 * initialInterval}, then at doubling intervals up to {@code maxInterval}, giving up after {@code
 * timeout} (the result then carries the last status seen, which is not final). QRS documents no
 * rate limit; poll every few seconds, not every few milliseconds, against a real server.
 *
 * <pre>{@code
 * QrsTaskStarter.builder(config)
 *     .tracking(new ExecutionTracking(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofHours(4)))
 *     .build();
 * }</pre>
 *
 * @param initialInterval the first wait
 * @param maxInterval the longest wait between two polls
 * @param timeout how long to follow one execution in all
 */
public record ExecutionTracking(Duration initialInterval, Duration maxInterval, Duration timeout) {

  /** Polls after 1 s, then up to every 15 s, for at most 4 hours. */
  public static final ExecutionTracking DEFAULT =
      new ExecutionTracking(Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofHours(4));

  public ExecutionTracking {
    Objects.requireNonNull(initialInterval, "initialInterval == null");
    Objects.requireNonNull(maxInterval, "maxInterval == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (initialInterval.isNegative()
        || initialInterval.isZero()
        || maxInterval.compareTo(initialInterval) < 0) {
      throw new IllegalArgumentException(
          "Tracking intervals must satisfy 0 < initialInterval <= maxInterval, were "
              + initialInterval
              + " and "
              + maxInterval);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Tracking timeout must be positive, was " + timeout);
    }
  }
}
