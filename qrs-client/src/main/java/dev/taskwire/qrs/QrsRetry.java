package dev.taskwire.qrs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client retries a request that failed where a retry is safe.
 *
 * <p>Safe means that the retry cannot make QRS act twice. A start ({@code POST}) is not idempotent:
 * a start that reached QRS and is sent again starts the task twice. So a start is retried only when
 * it certainly did not reach QRS, or QRS said it did not act: the connection could not be opened,
 * the TLS handshake failed before the request was sent, or QRS answered 503. A start answered 500
 * is not retried here (QRS may have acted before failing) and is reported as {@link
 * dev.taskwire.core.FailureKind#SERVER}. A start cut off or timed out after it was sent may have
 * started the task; it is not resent here. {@link QrsTaskStarter} then reads the task's last
 * execution to settle it (started, not started, or safe to retry), and reports it as {@link
 * dev.taskwire.core.FailureKind#UNCERTAIN} only when that read fails too. Lookups and status reads
 * ({@code GET}) are idempotent and are retried on 500, 502, 503, 504, a network failure or a
 * timeout. A certificate that fails verification (host name, root CA) or is refused is never
 * retried. The JDK's client itself tries a connection that failed before sending once more, before
 * this policy sees it.
 *
 * <p>The delay before retry {@code n} (counted from 1) is drawn uniformly from zero to {@code
 * min(maxBackoff, initialBackoff * 2^(n-1))} ("full jitter"), or is exactly that ceiling with
 * jitter off. Each retry is logged at WARN with its attempt number.
 *
 * <pre>{@code
 * QrsConfig.builder().retry(new QrsRetry(5, Duration.ofMillis(100), Duration.ofSeconds(2)))
 * }</pre>
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param initialBackoff the largest delay before the first retry
 * @param maxBackoff the largest delay before any retry
 * @param jitter whether each delay is drawn at random below its ceiling
 */
public record QrsRetry(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, boolean jitter) {

  /** Three attempts, waiting up to 200 ms, then up to 400 ms, never more than 5 s; jitter on. */
  public static final QrsRetry DEFAULT =
      new QrsRetry(3, Duration.ofMillis(200), Duration.ofSeconds(5), true);

  /** One attempt, no retry. */
  public static final QrsRetry NONE = new QrsRetry(1, Duration.ZERO, Duration.ZERO, true);

  /**
   * Checks the policy.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or above 100, a backoff is
   *     negative, or {@code maxBackoff} is below {@code initialBackoff}
   */
  public QrsRetry {
    Objects.requireNonNull(initialBackoff, "initialBackoff == null");
    Objects.requireNonNull(maxBackoff, "maxBackoff == null");
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException(
          "Attempts " + maxAttempts + " is out of range 1 to 100 (qrs.retry.maxAttempts)");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "Backoffs must satisfy 0 <= initialBackoff <= maxBackoff, were "
              + initialBackoff
              + " and "
              + maxBackoff
              + " (qrs.retry)");
    }
  }

  /** A policy with full jitter. */
  public QrsRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this(maxAttempts, initialBackoff, maxBackoff, true);
  }

  /** The delay before the attempt after {@code attempt} (counted from 1). */
  public Duration backoff(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    long initial = initialBackoff.toMillis();
    long ceiling =
        initial > (maxBackoff.toMillis() >> doublings)
            ? maxBackoff.toMillis()
            : Math.min(maxBackoff.toMillis(), initial << doublings);
    if (!jitter) {
      return Duration.ofMillis(ceiling);
    }
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }
}
