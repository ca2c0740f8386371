package dev.taskwire.qrs.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.internal.Filter.PropertyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Tasks as QRS writes them in JSON, and as its filters see them. */
final class TaskJson {

  /** The filterable properties of a task. */
  static final Map<String, PropertyType> SCHEMA =
      Map.of(
          "id", PropertyType.GUID,
          "name", PropertyType.STRING,
          "enabled", PropertyType.BOOLEAN,
          "tasktype", PropertyType.NUMBER,
          "tags.id", PropertyType.GUID,
          "tags.name", PropertyType.STRING,
          "customproperties.definition.name", PropertyType.STRING,
          "customproperties.value", PropertyType.STRING,
          "operational.lastexecutionresult.status", PropertyType.NUMBER);

  private TaskJson() {}

  /** The condensed form: id and name. */
  static ObjectNode condensed(EmulatedTask task) {
    ObjectNode node = Json.object();
    node.put("id", task.id());
    node.put("name", task.name());
    node.putNull("privileges");
    return node;
  }

  /** The full form, with tags, custom properties and the last execution result. */
  static ObjectNode full(EmulatedTask task, @Nullable ExecutionResult last) {
    ObjectNode node = Json.object();
    node.put("id", task.id());
    node.put("name", task.name());
    node.put("enabled", task.enabled());
    node.put("taskType", task.taskType());
    node.put("isManuallyTriggered", false);

    ArrayNode tags = node.putArray("tags");
    for (String tag : task.tagNames()) {
      ObjectNode element = tags.addObject();
      element.put("id", Guids.fromName("tag", tag));
      element.put("name", tag);
    }

    ArrayNode properties = node.putArray("customProperties");
    for (EmulatedTask.CustomProperty property : task.customProperties()) {
      ObjectNode element = properties.addObject();
      element.put(
          "id", Guids.fromName("value:" + task.id(), property.name() + '=' + property.value()));
      ObjectNode definition = element.putObject("definition");
      definition.put("id", Guids.fromName("definition", property.name()));
      definition.put("name", property.name());
      element.put("value", property.value());
    }

    ObjectNode operational = node.putObject("operational");
    operational.put("id", Guids.fromName("operational", task.id()));
    ObjectNode result = operational.putObject("lastExecutionResult");
    if (last == null) {
      result.put("id", Guids.fromName("never", task.id()));
      result.put("status", 0);
      result.put("startTime", Statuses.NO_TIME);
      result.put("stopTime", Statuses.NO_TIME);
      result.put("duration", 0);
    } else {
      result.put("id", last.id());
      result.put("executionId", last.executionId());
      result.put("status", last.status());
      result.put("startTime", Statuses.format(last.startTime()));
      result.put("stopTime", Statuses.format(last.stopTime()));
      result.put("duration", last.durationMillis());
    }
    operational.put("nextExecution", Statuses.NO_TIME);
    node.putNull("privileges");
    node.put(
        "schemaPath",
        task.taskType() == EmulatedTask.RELOAD ? "ReloadTask" : "ExternalProgramTask");
    return node;
  }

  /** The task's property values for a filter. */
  static Filter.Subject subject(EmulatedTask task, @Nullable ExecutionResult last) {
    return path ->
        switch (path) {
          case "id" -> one(task.id());
          case "name" -> one(task.name());
          case "enabled" -> one(task.enabled());
          case "tasktype" -> one((long) task.taskType());
          case "tags.id" -> all(task.tagNames().stream().map(t -> Guids.fromName("tag", t)));
          case "tags.name" -> all(task.tagNames().stream());
          case "customproperties.definition.name" ->
              all(task.customProperties().stream().map(EmulatedTask.CustomProperty::name));
          case "customproperties.value" ->
              all(task.customProperties().stream().map(EmulatedTask.CustomProperty::value));
          case "operational.lastexecutionresult.status" ->
              one(last == null ? 0L : (long) last.status());
          default -> throw new IllegalArgumentException("Task has no property " + path);
        };
  }

  static List<@Nullable Object> one(Object value) {
    List<@Nullable Object> values = new ArrayList<>(1);
    values.add(value);
    return values;
  }

  static List<@Nullable Object> all(Stream<?> stream) {
    return new ArrayList<>(stream.toList());
  }
}
