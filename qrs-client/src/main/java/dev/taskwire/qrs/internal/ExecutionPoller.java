package dev.taskwire.qrs.internal;

import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.TaskExecution;
import dev.taskwire.qrs.ExecutionTracking;
import dev.taskwire.qrs.QrsClient;
import dev.taskwire.qrs.QrsResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one execution session by polling {@code /qrs/executionresult} until it reaches a final
 * state. Retry (10), an abort in progress (4, 5) and distribution states (13, 14) are not final, so
 * the poller waits through them. While QRS lists no result yet, {@code /qrs/executionsession/{id}}
 * tells whether the session exists at all. Polls wait from {@link
 * ExecutionTracking#initialInterval()}, doubling up to {@link ExecutionTracking#maxInterval()}; no
 * thread waits in between.
 */
public final class ExecutionPoller {

  private static final Logger log = LoggerFactory.getLogger(ExecutionPoller.class);

  private final QrsClient client;
  private final ExecutionTracking tracking;

  public ExecutionPoller(QrsClient client, ExecutionTracking tracking) {
    this.client = client;
    this.tracking = tracking;
  }

  /**
   * Completes with the final state; or, when tracking timed out or QRS refused the reads, with the
   * last state seen, which is not final. Never completes exceptionally.
   */
  public CompletableFuture<TaskExecution> follow(String sessionId) {
    long deadline = System.nanoTime() + tracking.timeout().toNanos();
    TaskExecution unknown = new TaskExecution(sessionId, ExecutionStatus.TRIGGERED, Duration.ZERO);
    return poll(sessionId, tracking.initialInterval(), deadline, unknown);
  }

  private CompletableFuture<TaskExecution> poll(
      String sessionId, Duration wait, long deadline, TaskExecution lastSeen) {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      log.warn(
          "Stopped following execution {} at status {}: tracking timed out after {}",
          sessionId,
          lastSeen.status(),
          tracking.timeout());
      return CompletableFuture.completedFuture(lastSeen);
    }
    long delay = Math.min(wait.toNanos(), remaining);
    // Runs on the JDK's one delay thread: the call only queues a request, and the default pool
    // would start a thread per delayed call on a machine with fewer than three cores.
    return CompletableFuture.supplyAsync(
            () -> results(sessionId),
            CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, Runnable::run))
        .thenCompose(answer -> answer)
        .handle((response, failure) -> next(sessionId, response, failure, wait, deadline, lastSeen))
        .thenCompose(next -> next);
  }

  private CompletableFuture<TaskExecution> next(
      String sessionId,
      @Nullable QrsResponse response,
      @Nullable Throwable failure,
      Duration wait,
      long deadline,
      TaskExecution lastSeen) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof IllegalStateException) {
      log.debug("Stopped following execution {}: {}", sessionId, cause.getMessage());
      return CompletableFuture.completedFuture(lastSeen);
    }
    if (failure != null || response == null || response.status() >= 500) {
      log.debug("Reading execution {} failed; trying again: {}", sessionId, failure);
      return poll(sessionId, longer(wait), deadline, lastSeen);
    }
    if (!response.ok()) {
      log.warn(
          "Stopped following execution {} at status {}: QRS answered {} to {} {}",
          sessionId,
          lastSeen.status(),
          response.status(),
          response.method(),
          response.path());
      return CompletableFuture.completedFuture(lastSeen);
    }
    Optional<TaskExecution> seen;
    try {
      seen = ExecutionRows.read(sessionId, response.body());
    } catch (IllegalArgumentException e) {
      log.debug("Unreadable execution results for {}: {}", sessionId, e.getMessage());
      return poll(sessionId, longer(wait), deadline, lastSeen);
    }
    if (seen.isPresent()) {
      return seen.get().status().isFinal()
          ? CompletableFuture.completedFuture(seen.get())
          : poll(sessionId, longer(wait), deadline, seen.get());
    }
    return sessionExists(sessionId)
        .thenCompose(
            exists -> {
              if (exists) {
                return poll(sessionId, longer(wait), deadline, lastSeen);
              }
              return lastLook(sessionId, lastSeen);
            });
  }

  /** The session ended between two reads, or never existed: one more read of its results. */
  private CompletableFuture<TaskExecution> lastLook(String sessionId, TaskExecution lastSeen) {
    return results(sessionId)
        .handle(
            (response, failure) -> {
              if (failure == null && response.ok()) {
                try {
                  Optional<TaskExecution> seen = ExecutionRows.read(sessionId, response.body());
                  if (seen.isPresent()) {
                    return seen.get();
                  }
                } catch (IllegalArgumentException e) {
                  log.debug("Unreadable execution results for {}: {}", sessionId, e.getMessage());
                }
              }
              log.warn(
                  "Stopped following execution {}: QRS has neither a live session nor a result"
                      + " for it",
                  sessionId);
              return lastSeen;
            });
  }

  private CompletableFuture<QrsResponse> results(String sessionId) {
    return client.get("/qrs/executionresult", Map.of("filter", "ExecutionId eq " + sessionId));
  }

  /** Whether QRS still has the live session; an unclear answer counts as yes. */
  private CompletableFuture<Boolean> sessionExists(String sessionId) {
    return client
        .get("/qrs/executionsession/" + QrsClient.segment(sessionId), Map.of())
        .handle((response, failure) -> failure != null || response.status() != 404);
  }

  private Duration longer(Duration wait) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(tracking.maxInterval()) > 0 ? tracking.maxInterval() : doubled;
  }
}
