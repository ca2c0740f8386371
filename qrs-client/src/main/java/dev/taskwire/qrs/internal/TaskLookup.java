package dev.taskwire.qrs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.internal.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds the lookup for a selector, and reads the task list QRS answers with. */
public final class TaskLookup {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskLookup() {}

  /** What was looked for, as the not-found message says it: {@code tag 'nightly'}. */
  public static String sought(TaskSelector selector) {
    if (selector instanceof TaskSelector.ByName byName) {
      return "name '" + shown(byName.name()) + "'";
    }
    if (selector instanceof TaskSelector.ByTag byTag) {
      return "tag '" + shown(byTag.tag()) + "'";
    }
    if (selector instanceof TaskSelector.ByCustomProperty property) {
      return "custom property " + shown(property.name()) + "='" + shown(property.value()) + "'";
    }
    return selector.describe();
  }

  // Values come from payloads: cut and escaped as TaskSelector.describe() does.
  private static String shown(String value) {
    return Text.preview(value, 100);
  }

  /**
   * The IDs of the tasks in {@code body} that {@code selector} really picks, each once, in QRS's
   * order. QRS may match the two clauses of a custom-property filter on different properties of one
   * task, so the pair is checked here again on each task.
   *
   * @throws IllegalArgumentException if {@code body} is not a JSON list of tasks
   */
  public static List<TaskId> matching(TaskSelector selector, String body) {
    JsonNode tasks = taskList(body);
    LinkedHashSet<TaskId> ids = new LinkedHashSet<>();
    for (JsonNode task : tasks) {
      Optional<TaskId> id = TaskId.tryParse(task.path("id").asText());
      if (id.isPresent() && picks(selector, task)) {
        ids.add(id.get());
      }
    }
    return new ArrayList<>(ids);
  }

  /**
   * {@code body} read as a JSON list of tasks.
   *
   * @throws IllegalArgumentException if it is not JSON or not a list
   */
  static JsonNode taskList(String body) {
    JsonNode tasks;
    try {
      tasks = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("The task list is not JSON: " + e.getMessage(), e);
    }
    if (tasks == null || !tasks.isArray()) {
      throw new IllegalArgumentException("The task list is not a JSON list");
    }
    return tasks;
  }

  private static boolean picks(TaskSelector selector, JsonNode task) {
    if (!(selector instanceof TaskSelector.ByCustomProperty property)) {
      return true;
    }
    for (JsonNode value : task.path("customProperties")) {
      String name = value.path("definition").path("name").asText();
      if (same(name, property.name()) && same(value.path("value").asText(), property.value())) {
        return true;
      }
    }
    return false;
  }

  // QRS compares strings in filters without regard to case; so does this check.
  private static boolean same(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }
}
