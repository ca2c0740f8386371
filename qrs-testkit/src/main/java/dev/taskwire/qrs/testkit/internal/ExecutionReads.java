package dev.taskwire.qrs.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;

/**
 * The execution reads: {@code GET /qrs/executionsession/{id}} (404 once the session ended) and
 * {@code GET /qrs/executionresult}, {@code /full}, {@code /count} and {@code /{id}}.
 *
 * <p>Execution sessions and results are not limited by user: every caller sees all of them.
 */
final class ExecutionReads {

  private final TaskRegistry tasks;
  private final ExecutionEngine executions;

  ExecutionReads(TaskRegistry tasks, ExecutionEngine executions) {
    this.tasks = tasks;
    this.executions = executions;
  }

  Response session(String id) {
    if (!Guids.isGuid(id)) {
      return Response.text(400, "'" + id + "' is not a valid id (expected a GUID)");
    }
    ExecutionSession session = executions.session(Guids.normalize(id));
    if (session == null) {
      return Response.text(404, "Execution session " + Guids.normalize(id) + " not found");
    }
    return Response.json(200, ExecutionJson.session(session, tasks.findAny(session.taskId())));
  }

  /**
   * Answers a list read.
   *
   * @param form {@code ""} (condensed), {@code "full"} or {@code "count"}
   */
  Response results(QrsCall call, String form) {
    Filter filter;
    try {
      filter = Filter.parse(call.query().first("filter"), ExecutionJson.RESULT_SCHEMA);
    } catch (FilterException e) {
      return Response.text(400, e.getMessage());
    }
    List<ExecutionResult> found =
        executions.results().stream()
            .filter(result -> filter.test(ExecutionJson.subject(result)))
            .toList();

    if (form.equals("count")) {
      return Response.json(200, Map.of("value", found.size()));
    }
    ArrayNode body = Json.array();
    for (ExecutionResult result : found) {
      body.add(form.equals("full") ? ExecutionJson.full(result) : ExecutionJson.condensed(result));
    }
    return Response.json(200, body);
  }

  Response result(String id) {
    if (!Guids.isGuid(id)) {
      return Response.text(400, "'" + id + "' is not a valid id (expected a GUID)");
    }
    ExecutionResult result = executions.result(Guids.normalize(id));
    if (result == null) {
      return Response.text(404, "Execution result " + Guids.normalize(id) + " not found");
    }
    return Response.json(200, ExecutionJson.full(result));
  }
}
