package dev.taskwire.qrs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client retries a request that failed where a retry is safe.
 *
 * <p>Safe means: the request cannot have had an effect. Lookups and status reads ({@code GET}) are
 * retried on a server error, a network failure or a timeout. A start ({@code POST}) is retried only
 * when the connection could not be opened or QRS answered 503 (it did not act); a start that timed
 * out or was answered 500 may have started the task, so it is not retried here, and the failure is
 * reported for the caller to decide. Delays grow exponentially with full jitter.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param initialBackoff the largest delay before the first retry
 * @param maxBackoff the largest delay before any retry
 */
public record QrsRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** Three attempts, waiting up to 200 ms, then up to 400 ms, and never more than 5 s. */
  public static final QrsRetry DEFAULT =
      new QrsRetry(3, Duration.ofMillis(200), Duration.ofSeconds(5));

  /** One attempt. */
  public static final QrsRetry NONE = new QrsRetry(1, Duration.ZERO, Duration.ZERO);

  public QrsRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    Objects.requireNonNull(maxBackoff, "maxBackoff == null");
  }

  /** A random delay before the attempt after {@code attempt} (counted from 1). */
  public Duration backoff(int attempt) {
    long ceiling =
        Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }
}
