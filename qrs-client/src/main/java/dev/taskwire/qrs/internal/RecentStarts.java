package dev.taskwire.qrs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.TaskId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads each task's last execution from a QRS task list ({@code operational.lastExecutionResult})
 * and tells whether the task should be held back: because it is running now, or because it started
 * less than a window ago. QRS's task list is the one state that every instance of taskwire sees, so
 * this check holds across instances that share a subscription.
 */
public final class RecentStarts {

  // QRS writes this year for a time that has not happened.
  private static final int NO_TIME_YEAR = 1753;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration window;

  /** Holds back tasks running now or started less than {@code window} ago (zero: running only). */
  public RecentStarts(Duration window) {
    this.window = window;
  }

  /** The filter that lists the tasks {@code ids}: {@code id eq <a> or id eq <b>}. */
  public static String filterFor(List<TaskId> ids) {
    return ids.stream().map(id -> "id eq " + id.value()).collect(Collectors.joining(" or "));
  }

  /**
   * The last execution of each task in {@code body}, a task list in QRS's full form.
   *
   * @throws IllegalArgumentException if {@code body} is not a JSON list
   */
  public static Map<TaskId, LastExecution> read(String body) {
    JsonNode tasks;
    try {
      tasks = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The task list is not JSON: " + e.getMessage(), e);
    }
    if (tasks == null || !tasks.isArray()) {
      throw new IllegalArgumentException("The task list is not a JSON list");
    }
    Map<TaskId, LastExecution> last = new HashMap<>();
    for (JsonNode task : tasks) {
      Optional<TaskId> id = TaskId.tryParse(task.path("id").asText());
      JsonNode result = task.path("operational").path("lastExecutionResult");
      if (id.isPresent() && result.isObject()) {
        last.put(id.get(), new LastExecution(status(result), time(result.path("startTime"))));
      }
    }
    return last;
  }

  /**
   * Why {@code last} holds the task back at {@code now}, or null when it may be started; a task
   * whose last execution is unknown may be started.
   */
  public @Nullable String holdReason(@Nullable LastExecution last, Instant now) {
    if (last == null) {
      return null;
    }
    String since = last.startTime() == null ? "" : " since " + last.startTime();
    if (last.status() != ExecutionStatus.NEVER_STARTED && !last.status().isFinal()) {
      return "the task is already running (" + last.status() + since + ")";
    }
    Instant started = last.startTime();
    if (started == null || window.isZero()) {
      return null;
    }
    Duration age = Duration.between(started, now);
    if (age.compareTo(window) < 0) {
      return "the task last started at "
          + started
          + ", less than "
          + window.toSeconds()
          + " s ago (skipStartedWithin)";
    }
    return null;
  }

  private static ExecutionStatus status(JsonNode result) {
    try {
      return ExecutionStatus.ofCode(result.path("status").asInt(0));
    } catch (IllegalArgumentException e) {
      // A status this version does not know: treat the task as free rather than block it forever.
      return ExecutionStatus.NEVER_STARTED;
    }
  }

  private static @Nullable Instant time(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    try {
      Instant time = Instant.parse(node.textValue());
      return time.atOffset(ZoneOffset.UTC).getYear() <= NO_TIME_YEAR ? null : time;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A task's last execution as QRS lists it.
   *
   * @param status the execution's status
   * @param startTime when it started, or null if it never did
   */
  public record LastExecution(ExecutionStatus status, @Nullable Instant startTime) {}
}
