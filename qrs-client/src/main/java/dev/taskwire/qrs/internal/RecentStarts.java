package dev.taskwire.qrs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartResult;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each task's last execution from a QRS task list ({@code operational.lastExecutionResult})
 * and tells whether the task should be held back: because it is running now, or because it started
 * less than a window ago. QRS's task list is the one state that every instance of taskwire sees, so
 * this check holds across instances that share a subscription.
 */
public final class RecentStarts {

  /** How far QRS's clock may run behind ours when a start time is compared with a call's. */
  public static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(RecentStarts.class);

  // QRS writes this year for a time that has not happened.
  private static final int NO_TIME_YEAR = 1753;

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
    JsonNode tasks = TaskLookup.taskList(body);
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
    if (last.running()) {
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

  /**
   * What became of a start call that got no answer, judged by the task's last execution read
   * afterwards: started since the call (allowing {@link #CLOCK_TOLERANCE} for QRS's clock), not
   * started because an earlier execution is still running, or not started at all, which is a
   * failure of {@code failure}'s kind, safe to retry.
   */
  public static TaskStartResult settle(
      TaskId id, Throwable failure, Instant sent, RecentStarts.LastExecution last) {
    String task = id.value();
    if (last.startedSince(sent.minus(CLOCK_TOLERANCE))) {
      log.info(
          "Start of task {} got no answer, but QRS lists an execution started at {}: started",
          task,
          last.startTime());
      return new TaskStartResult.Started(task, null);
    }
    if (last.running()) {
      return new TaskStartResult.NotStarted(
          task,
          "The start got no answer and the task is running an execution that started at "
              + last.startTime()
              + ", before the call; QRS does not start a running task again");
    }
    TaskStartResult.Failed safe = QrsFailures.of(task, failure, false);
    return new TaskStartResult.Failed(
        task,
        safe.kind(),
        safe.message()
            + "; QRS lists no start of the task since the call, so it is safe to try again",
        safe.httpStatus());
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
  public record LastExecution(ExecutionStatus status, @Nullable Instant startTime) {

    /** Tells whether the execution has begun and not ended. */
    public boolean running() {
      return status != ExecutionStatus.NEVER_STARTED && !status.isFinal();
    }

    /** Tells whether the execution started at or after {@code time}. */
    public boolean startedSince(Instant time) {
      return startTime != null && !startTime.isBefore(time);
    }
  }
}
