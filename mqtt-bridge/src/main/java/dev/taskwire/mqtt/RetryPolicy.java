package dev.taskwire.mqtt;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the trigger retries a start that failed in a retryable way (QRS server error, network,
 * timeout) before giving the message up as a dead letter.
 *
 * <p>The delay before attempt {@code n + 1} is drawn at random between half and all of {@code
 * initialDelay * 2^(n-1)}, capped at {@code maxDelay}.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param initialDelay the delay before the first retry
 * @param maxDelay the largest delay between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  /** Five attempts, from one second up to thirty seconds apart. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  /** One attempt, no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialDelay, "initialDelay == null");
    Objects.requireNonNull(maxDelay, "maxDelay == null");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "Retry delays must satisfy 0 <= initialDelay <= maxDelay, were "
              + initialDelay
              + " and "
              + maxDelay);
    }
  }

  /** The delay before the attempt after {@code attempt} (counted from 1). */
  public Duration delayAfter(int attempt) {
    long base = initialDelay.toMillis();
    long capped = Math.min(maxDelay.toMillis(), base << Math.min(attempt - 1, 20));
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    return Duration.ofMillis(jittered);
  }
}
