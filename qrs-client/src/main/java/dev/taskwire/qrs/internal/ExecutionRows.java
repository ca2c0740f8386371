package dev.taskwire.qrs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.TaskExecution;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the condensed execution results of one session ({@code GET
 * /qrs/executionresult?filter=ExecutionId eq ...}): one row per attempt, so several when the task
 * was retried, listed in no promised order.
 */
public final class ExecutionRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExecutionRows() {}

  /**
   * Where the execution stands: the status of the row in a final state if there is one (only the
   * last attempt can end in one; earlier ones end in Retry), else of the row started last; the
   * duration is the sum of every attempt's. Empty when QRS has no row yet.
   *
   * @throws IllegalArgumentException if {@code body} is not a list of rows with known statuses
   */
  public static Optional<TaskExecution> read(String sessionId, String body) {
    JsonNode rows;
    try {
      rows = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Execution results are not JSON: " + e.getMessage(), e);
    }
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException("Execution results are not a JSON list");
    }
    JsonNode chosen = null;
    long totalMillis = 0;
    for (JsonNode row : rows) {
      if (!row.path("status").canConvertToInt()) {
        throw new IllegalArgumentException(
            "Execution result row without a status: " + row.path("id"));
      }
      totalMillis += Math.max(0, row.path("duration").asLong(0));
      if (chosen == null || outranks(row, chosen)) {
        chosen = row;
      }
    }
    if (chosen == null) {
      return Optional.empty();
    }
    ExecutionStatus status = ExecutionStatus.ofCode(chosen.path("status").asInt());
    return Optional.of(new TaskExecution(sessionId, status, Duration.ofMillis(totalMillis)));
  }

  private static boolean outranks(JsonNode row, JsonNode chosen) {
    boolean rowFinal = isFinal(row);
    if (rowFinal != isFinal(chosen)) {
      return rowFinal;
    }
    return !startTime(row).isBefore(startTime(chosen));
  }

  private static boolean isFinal(JsonNode row) {
    try {
      return ExecutionStatus.ofCode(row.path("status").asInt()).isFinal();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Instant startTime(JsonNode row) {
    try {
      return Instant.parse(row.path("startTime").asText());
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
