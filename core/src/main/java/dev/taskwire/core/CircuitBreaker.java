package dev.taskwire.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskStarter} that stops calling its delegate for a while after a run of failures that
 * say the service is down (server errors, network failures, timeouts), so that an outage does not
 * turn into a storm of retries. While open it answers at once with a retryable {@link
 * FailureKind#SERVER} failure, which the trigger retries with backoff; after {@code openFor} one
 * start is let through, and its result closes or reopens the breaker.
 *
 * <pre>{@code
 * TaskStarter guarded = CircuitBreaker.wrap(QrsTaskStarter.create(config), 5, Duration.ofSeconds(30));
 * }</pre>
 */
public final class CircuitBreaker implements TaskStarter {

  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  private final TaskStarter delegate;
  private final int threshold;
  private final Duration openFor;
  private final Clock clock;

  private int consecutiveFailures;
  private long openUntil;
  private boolean probing;

  private CircuitBreaker(TaskStarter delegate, int threshold, Duration openFor, Clock clock) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.openFor = Objects.requireNonNull(openFor, "openFor == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    if (threshold < 1) {
      throw new IllegalArgumentException(
          "Circuit breaker threshold must be at least 1, was " + threshold);
    }
    this.threshold = threshold;
  }

  /** Opens after {@code threshold} consecutive service failures, for {@code openFor}. */
  public static CircuitBreaker wrap(TaskStarter delegate, int threshold, Duration openFor) {
    return new CircuitBreaker(delegate, threshold, openFor, Clock.systemUTC());
  }

  /** Same, with a clock of the caller's choosing (for tests). */
  public static CircuitBreaker wrap(
      TaskStarter delegate, int threshold, Duration openFor, Clock clock) {
    return new CircuitBreaker(delegate, threshold, openFor, clock);
  }

  /** Tells whether the breaker refuses starts now. */
  public synchronized boolean isOpen() {
    return clock.millis() < openUntil || probing;
  }

  @Override
  public CompletableFuture<TaskStartReport> start(TaskStartRequest request) {
    synchronized (this) {
      long now = clock.millis();
      if (now < openUntil || probing) {
        return CompletableFuture.completedFuture(refused(request, openUntil - now));
      }
      if (consecutiveFailures >= threshold) {
        // The open period is over: let this one start through as a probe.
        probing = true;
      }
    }
    return delegate.start(request).thenApply(this::record);
  }

  private synchronized TaskStartReport record(TaskStartReport report) {
    boolean serviceDown =
        !report.results().isEmpty()
            && report.results().stream()
                .allMatch(r -> r instanceof TaskStartResult.Failed f && f.retryable());
    probing = false;
    if (!serviceDown) {
      if (consecutiveFailures >= threshold) {
        log.info("Circuit breaker closed: the task starter answers again");
      }
      consecutiveFailures = 0;
      return report;
    }
    consecutiveFailures++;
    if (consecutiveFailures >= threshold) {
      openUntil = clock.millis() + openFor.toMillis();
      log.warn(
          "Circuit breaker open for {} ms after {} consecutive failures of the task starter",
          openFor.toMillis(),
          consecutiveFailures);
    }
    return report;
  }

  private static TaskStartReport refused(TaskStartRequest request, long millisLeft) {
    String message =
        "Not tried: the circuit breaker is open after repeated failures ("
            + Math.max(millisLeft, 0)
            + " ms left)";
    List<TaskStartResult> results =
        request.selector() instanceof TaskSelector.ById byId
            ? byId.ids().stream()
                .map(
                    id ->
                        (TaskStartResult)
                            new TaskStartResult.Failed(id.value(), FailureKind.SERVER, message, 0))
                .toList()
            : List.of(
                new TaskStartResult.Failed(
                    request.selector().describe(), FailureKind.SERVER, message, 0));
    return new TaskStartReport(request, results);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
