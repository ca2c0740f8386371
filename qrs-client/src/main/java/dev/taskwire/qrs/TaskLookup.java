package dev.taskwire.qrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the task list QRS returns for a lookup, and checks each task against the selector. */
final class TaskLookup {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TaskLookup() {}

  /**
   * The IDs of the tasks in {@code body} that {@code selector} really picks: QRS may match the two
   * clauses of a custom-property filter on different properties of one task, so the pair is checked
   * here again.
   */
  static List<TaskId> matching(TaskSelector selector, String body) {
    List<TaskId> ids = new ArrayList<>();
    try {
      for (JsonNode task : JSON.readTree(body)) {
        Optional<TaskId> id = TaskId.tryParse(task.path("id").asText());
        if (id.isPresent() && picks(selector, task)) {
          ids.add(id.get());
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return ids;
  }

  private static boolean picks(TaskSelector selector, JsonNode task) {
    if (!(selector instanceof TaskSelector.ByCustomProperty property)) {
      return true;
    }
    for (JsonNode value : task.path("customProperties")) {
      boolean nameMatches =
          value.path("definition").path("name").asText().equalsIgnoreCase(property.name());
      if (nameMatches && value.path("value").asText().equalsIgnoreCase(property.value())) {
        return true;
      }
    }
    return false;
  }
}
