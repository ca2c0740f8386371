package dev.taskwire.qrs.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.internal.Filter.PropertyType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Execution sessions and results as QRS writes them in JSON, and as its filters see results. */
final class ExecutionJson {

  /** The filterable properties of an execution result. */
  static final Map<String, PropertyType> RESULT_SCHEMA =
      Map.of(
          "id", PropertyType.GUID,
          "executionid", PropertyType.GUID,
          "taskid", PropertyType.GUID,
          "status", PropertyType.NUMBER,
          "starttime", PropertyType.DATE,
          "stoptime", PropertyType.DATE,
          "duration", PropertyType.NUMBER);

  private ExecutionJson() {}

  /** A live session: its id, the current result row, retries and abort reason. */
  static ObjectNode session(ExecutionSession session, @Nullable EmulatedTask task) {
    ObjectNode node = Json.object();
    node.put("id", session.id());
    node.putObject("executionResult").put("id", session.executionResultId());
    node.put("retries", session.retries());
    node.put("abortReason", session.abortReason());
    ObjectNode reload = null;
    ObjectNode external = null;
    if (task != null) {
      ObjectNode condensed = Json.object().put("id", task.id()).put("name", task.name());
      if (task.taskType() == EmulatedTask.RELOAD) {
        reload = condensed;
      } else {
        external = condensed;
      }
    }
    node.set("reloadTask", reload);
    node.set("externalProgramTask", external);
    node.put("schemaPath", "ExecutionSession");
    return node;
  }

  /** A result row in the condensed form of {@code GET /qrs/executionresult}. */
  static ObjectNode condensed(ExecutionResult result) {
    ObjectNode node = Json.object();
    node.put("id", result.id());
    node.put("executionId", result.executionId());
    node.put("taskId", result.taskId());
    node.put("status", result.status());
    node.put("startTime", Statuses.format(result.startTime()));
    node.put("stopTime", Statuses.format(result.stopTime()));
    node.put("duration", result.durationMillis());
    return node;
  }

  /** A result row in full, with its detail messages. */
  static ObjectNode full(ExecutionResult result) {
    ObjectNode node = condensed(result);
    ArrayNode details = node.putArray("details");
    for (ExecutionResult.Detail detail : result.details()) {
      ObjectNode element = details.addObject();
      element.put("id", detail.id());
      element.put("detailsType", 2);
      element.put("message", detail.message());
      element.put("detailCreatedDate", Statuses.format(detail.createdAt()));
    }
    node.put("scriptLogAvailable", false);
    node.put("scriptLogSize", 0);
    node.putNull("privileges");
    node.put("schemaPath", "ExecutionResult");
    return node;
  }

  /** The result's property values for a filter. */
  static Filter.Subject subject(ExecutionResult result) {
    return path ->
        switch (path) {
          case "id" -> TaskJson.one(result.id());
          case "executionid" -> TaskJson.one(result.executionId());
          case "taskid" -> TaskJson.one(result.taskId());
          case "status" -> TaskJson.one((long) result.status());
          case "starttime" -> TaskJson.one(Statuses.format(result.startTime()));
          case "stoptime" -> TaskJson.one(Statuses.format(result.stopTime()));
          case "duration" -> TaskJson.one(result.durationMillis());
          default -> throw new IllegalArgumentException("Execution result has no property " + path);
        };
  }
}
