package dev.taskwire.qrs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.TaskExecution;
import dev.taskwire.qrs.ExecutionTracking;
import dev.taskwire.qrs.QrsClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one execution session by polling {@code /qrs/executionresult} until its latest result is
 * in a final state. Retry (10), an abort in progress (4, 5) and distribution states (13, 14) are
 * not final, so the poller keeps waiting through them.
 */
public final class ExecutionPoller {

  private static final Logger log = LoggerFactory.getLogger(ExecutionPoller.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QrsClient client;
  private final ExecutionTracking tracking;

  public ExecutionPoller(QrsClient client, ExecutionTracking tracking) {
    this.client = client;
    this.tracking = tracking;
  }

  /** Completes with the final state, or with the last state seen when tracking timed out. */
  public CompletableFuture<TaskExecution> follow(String sessionId) {
    long deadline = System.nanoTime() + tracking.timeout().toNanos();
    TaskExecution unknown = new TaskExecution(sessionId, ExecutionStatus.TRIGGERED, Duration.ZERO);
    return poll(sessionId, tracking.initialInterval(), deadline, unknown);
  }

  private CompletableFuture<TaskExecution> poll(
      String sessionId, Duration wait, long deadline, TaskExecution lastSeen) {
    if (System.nanoTime() + wait.toNanos() > deadline) {
      log.warn(
          "Stopped following execution {} at status {}: tracking timed out",
          sessionId,
          lastSeen.status());
      return CompletableFuture.completedFuture(lastSeen);
    }
    return CompletableFuture.supplyAsync(
            () ->
                client.get("/qrs/executionresult", Map.of("filter", "ExecutionId eq " + sessionId)),
            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
        .thenCompose(answer -> answer)
        .handle(
            (response, failure) -> {
              TaskExecution seen = lastSeen;
              if (failure == null && response.ok()) {
                seen = latest(sessionId, response.body(), lastSeen);
              } else {
                log.debug("Polling execution {} failed; trying again", sessionId);
              }
              if (seen.status().isFinal()) {
                return CompletableFuture.completedFuture(seen);
              }
              Duration next =
                  wait.multipliedBy(2).compareTo(tracking.maxInterval()) > 0
                      ? tracking.maxInterval()
                      : wait.multipliedBy(2);
              return poll(sessionId, next, deadline, seen);
            })
        .thenCompose(next -> next);
  }

  /** The most recent row of the condensed results: the one QRS lists last. */
  private static TaskExecution latest(String sessionId, String body, TaskExecution fallback) {
    try {
      JsonNode rows = JSON.readTree(body);
      if (!rows.isArray() || rows.isEmpty()) {
        return fallback;
      }
      JsonNode row = rows.get(rows.size() - 1);
      ExecutionStatus status = ExecutionStatus.ofCode(row.path("status").asInt(1));
      return new TaskExecution(
          sessionId, status, Duration.ofMillis(row.path("duration").asLong(0)));
    } catch (IOException | IllegalArgumentException e) {
      log.debug("Unreadable execution result for {}: {}", sessionId, e.toString());
      return fallback;
    }
  }
}
