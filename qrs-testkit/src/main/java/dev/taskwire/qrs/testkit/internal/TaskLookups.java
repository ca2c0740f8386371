package dev.taskwire.qrs.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.taskwire.qrs.testkit.EmulatedTask;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The task reads: {@code GET /qrs/task}, {@code /qrs/reloadtask} and {@code
 * /qrs/externalprogramtask}, each as a condensed list, {@code /full}, {@code /count} and (for the
 * typed paths) {@code /{id}}. A user sees only the tasks visible to them.
 */
final class TaskLookups {

  private final TaskRegistry tasks;
  private final ExecutionEngine executions;

  TaskLookups(TaskRegistry tasks, ExecutionEngine executions) {
    this.tasks = tasks;
    this.executions = executions;
  }

  /**
   * Answers a list read.
   *
   * @param taskType the task type the path is limited to, or null for {@code /qrs/task}
   * @param form {@code ""} (condensed), {@code "full"} or {@code "count"}
   */
  Response list(QrsCall call, @Nullable Integer taskType, String form) {
    Filter filter;
    try {
      filter = Filter.parse(call.query().first("filter"), TaskJson.SCHEMA);
    } catch (FilterException e) {
      return Response.text(400, e.getMessage());
    }
    List<EmulatedTask> found =
        tasks.visibleTo(call.user()).stream()
            .filter(task -> taskType == null || task.taskType() == taskType)
            .filter(task -> filter.test(TaskJson.subject(task, executions.lastResult(task.id()))))
            .toList();

    if (form.equals("count")) {
      return Response.json(200, Map.of("value", found.size()));
    }
    ArrayNode body = Json.array();
    for (EmulatedTask task : found) {
      body.add(
          form.equals("full")
              ? TaskJson.full(task, executions.lastResult(task.id()))
              : TaskJson.condensed(task));
    }
    return Response.json(200, body);
  }

  /** Answers {@code GET /qrs/reloadtask/{id}} or {@code /qrs/externalprogramtask/{id}}. */
  Response one(QrsCall call, int taskType, String id) {
    if (!Guids.isGuid(id)) {
      return Response.text(400, "'" + id + "' is not a valid id (expected a GUID)");
    }
    EmulatedTask task = tasks.find(id, call.user());
    if (task == null || task.taskType() != taskType) {
      return Response.text(404, "Task " + Guids.normalize(id) + " not found");
    }
    return Response.json(200, TaskJson.full(task, executions.lastResult(task.id())));
  }
}
