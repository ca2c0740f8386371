package dev.taskwire.core;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to start one or more Qlik Sense tasks.
 *
 * <pre>{@code
 * TaskStartRequest request = TaskStartRequest.ofIds(TaskId.parse("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f"));
 * }</pre>
 *
 * @param selector which tasks to start
 * @param parameters free-form values passed on from the trigger to the starter and to filters; QRS
 *     itself takes none when starting a task
 */
public record TaskStartRequest(TaskSelector selector, Map<String, String> parameters) {

  public TaskStartRequest {
    Objects.requireNonNull(selector, "selector == null");
    parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters == null"));
  }

  /** Creates a request that starts the given tasks by ID. */
  public static TaskStartRequest ofIds(TaskId... ids) {
    return ofIds(Arrays.asList(ids));
  }

  /** Creates a request that starts the given tasks by ID. */
  public static TaskStartRequest ofIds(List<TaskId> ids) {
    return new TaskStartRequest(new TaskSelector.ById(ids), Map.of());
  }

  /** Creates a request for the tasks that {@code selector} picks. */
  public static TaskStartRequest of(TaskSelector selector) {
    return new TaskStartRequest(selector, Map.of());
  }

  /** Returns a copy of this request with another selector and the same parameters. */
  public TaskStartRequest withSelector(TaskSelector newSelector) {
    return new TaskStartRequest(newSelector, parameters);
  }
}
