package dev.taskwire.qrs.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.taskwire.qrs.testkit.EmulatedTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The start and stop calls under {@code /qrs/task}: by id, by name, many at once, synchronous or
 * not.
 */
public final class TaskStarts {

  private final TaskRegistry tasks;
  private final ExecutionEngine executions;
  private final boolean refuseWhileRunning;

  public TaskStarts(TaskRegistry tasks, ExecutionEngine executions, boolean refuseWhileRunning) {
    this.tasks = tasks;
    this.executions = executions;
    this.refuseWhileRunning = refuseWhileRunning;
  }

  /** Tells whether {@code call} is a start call (by id, by name or many), whatever its outcome. */
  public static boolean isStart(String method, List<String> segments) {
    if (!method.equals("POST") || segments.size() < 3) {
      return false;
    }
    String third = segments.get(2);
    String fourth = segments.size() > 3 ? segments.get(3) : "";
    return third.equalsIgnoreCase("start") || fourth.equalsIgnoreCase("start");
  }

  /** {@code POST /qrs/task/{id}/start[/synchronous]}. */
  public Response startById(QrsCall call, String id, boolean synchronous) {
    Response refusal = refuseId(id, call.user());
    if (refusal != null) {
      return refusal;
    }
    return start(requireTask(id, call.user()), synchronous);
  }

  /** {@code POST /qrs/task/start[/synchronous]?name=}. */
  public Response startByName(QrsCall call, boolean synchronous) {
    String name = call.query().first("name");
    if (name == null || name.isEmpty()) {
      return Response.text(400, "Parameter 'name' is required to start a task by name");
    }
    EmulatedTask task = tasks.findByName(name, call.user());
    if (task == null) {
      return Response.text(404, "Task named '" + name + "' not found");
    }
    return start(task, synchronous);
  }

  /** {@code POST /qrs/task/start/many} with a JSON array of ids. */
  public Response startMany(QrsCall call) {
    TaskList parsed = parseIds(call);
    Response refusal = parsed.refusal();
    if (refusal != null) {
      return refusal;
    }
    parsed.tasks().forEach(task -> start(task, false));
    return Response.empty(204);
  }

  /** {@code POST /qrs/task/{id}/stop}: aborts the task's live executions. */
  public Response stopById(QrsCall call, String id) {
    Response refusal = refuseId(id, call.user());
    if (refusal != null) {
      return refusal;
    }
    executions.stop(Guids.normalize(id));
    return Response.empty(204);
  }

  /** {@code POST /qrs/task/stop/many} with a JSON array of ids. */
  public Response stopMany(QrsCall call) {
    TaskList parsed = parseIds(call);
    Response refusal = parsed.refusal();
    if (refusal != null) {
      return refusal;
    }
    parsed.tasks().forEach(task -> executions.stop(task.id()));
    return Response.empty(204);
  }

  private Response start(EmulatedTask task, boolean synchronous) {
    String sessionId = null;
    if (task.enabled()) {
      sessionId = executions.start(task, refuseWhileRunning);
    }
    if (sessionId == null) {
      // Disabled, or already running where that is refused: QRS answers the all-zero session.
      sessionId = Guids.ZERO;
    }
    return synchronous ? Response.json(201, Map.of("value", sessionId)) : Response.empty(204);
  }

  private @Nullable Response refuseId(String id, @Nullable String user) {
    if (!Guids.isGuid(id)) {
      return Response.text(400, "'" + id + "' is not a valid task id (expected a GUID)");
    }
    if (tasks.find(id, user) == null) {
      return Response.text(404, "Task " + Guids.normalize(id) + " not found");
    }
    return null;
  }

  private EmulatedTask requireTask(String id, @Nullable String user) {
    EmulatedTask task = tasks.find(id, user);
    if (task == null) {
      throw new IllegalStateException("Task " + id + " vanished while being started");
    }
    return task;
  }

  /** Returns the visible tasks named by the body's JSON array, or the refusal to answer. */
  private TaskList parseIds(QrsCall call) {
    JsonNode body;
    try {
      body = Json.read(call.body().isBlank() ? "null" : call.body());
    } catch (JsonProcessingException e) {
      return TaskList.refused(
          Response.text(400, "The request body is not JSON; expected an array of task ids"));
    }
    if (body == null || !body.isArray()) {
      return TaskList.refused(
          Response.text(400, "The request body must be a JSON array of task ids"));
    }
    List<EmulatedTask> found = new ArrayList<>();
    for (JsonNode element : body) {
      String id = element.isTextual() ? element.asText() : element.toString();
      Response refusal = refuseId(id, call.user());
      if (refusal != null) {
        return TaskList.refused(refusal);
      }
      found.add(requireTask(id, call.user()));
    }
    return new TaskList(found, null);
  }

  private record TaskList(List<EmulatedTask> tasks, @Nullable Response refusal) {

    static TaskList refused(Response refusal) {
      return new TaskList(List.of(), refusal);
    }
  }
}
