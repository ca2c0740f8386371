package dev.taskwire.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a filter may know about a task without starting it.
 *
 * @param id the task ID
 * @param name the task name
 * @param tags the names of its tags
 * @param customProperties custom property name to its values (a property may hold several)
 */
public record TaskInfo(
    TaskId id, String name, Set<String> tags, Map<String, List<String>> customProperties) {

  public TaskInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    tags = Set.copyOf(tags);
    customProperties = Map.copyOf(customProperties);
  }

  /** Tells whether the task carries tag {@code tag}, compared without regard to case. */
  public boolean hasTag(String tag) {
    return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
  }

  /** Tells whether custom property {@code name} holds {@code value}, without regard to case. */
  public boolean hasCustomProperty(String name, String value) {
    return customProperties.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .anyMatch(v -> v.equalsIgnoreCase(value));
  }
}
