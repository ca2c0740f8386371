package dev.taskwire.mqtt.internal;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.mqtt.TaskStartRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The state of one message's start across attempts. Used by one thread at a time. */
final class StartJob {

  final IncomingMessage message;
  final TriggerContext context;
  final TaskStartRoute route;
  final TaskStartRequest original;
  final long startNanos;
  TaskStartRequest request;
  int attempts;

  /** The latest result per task, in the order tasks were first reported. */
  private final Map<String, TaskStartResult> results = new LinkedHashMap<>();

  StartJob(
      IncomingMessage message,
      TriggerContext context,
      TaskStartRoute route,
      TaskStartRequest request,
      long startNanos) {
    this.message = message;
    this.context = context;
    this.route = route;
    this.original = request;
    this.request = request;
    this.startNanos = startNanos;
  }

  void merge(TaskStartReport report) {
    for (TaskStartResult result : report.results()) {
      results.put(result.task(), result);
    }
  }

  TaskStartReport combined() {
    return new TaskStartReport(original, List.copyOf(results.values()));
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * The request for the next attempt: only the tasks that failed in a retryable way, when each is
   * known by ID; otherwise the whole request again (a lookup that failed must run again).
   */
  TaskStartRequest retryRequest(TaskStartReport report) {
    List<TaskId> ids = new ArrayList<>();
    for (TaskStartResult result : report.results()) {
      if (result instanceof TaskStartResult.Failed failed && failed.retryable()) {
        Optional<TaskId> id = TaskId.tryParse(failed.task());
        if (id.isEmpty()) {
          return request;
        }
        ids.add(id.get());
      }
    }
    return new TaskStartRequest(
        new dev.taskwire.core.TaskSelector.ById(ids), original.parameters());
  }

  static String firstFailure(TaskStartReport report) {
    return report.results().stream()
        .filter(r -> r instanceof TaskStartResult.Failed)
        .map(r -> ((TaskStartResult.Failed) r).message())
        .findFirst()
        .orElse("no failure");
  }

  static TaskStartReport failedReport(TaskStartRequest request, Throwable failure) {
    TaskStartResult result =
        new TaskStartResult.Failed(
            request.selector().describe(),
            FailureKind.INTERNAL,
            "Task starter failed: " + failure,
            0);
    return new TaskStartReport(request, List.of(result));
  }
}
