package dev.taskwire.core.filter;

import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskInfo;
import java.util.Objects;

/**
 * One entry of an allow or deny list: a task ID, a tag, or a custom property value.
 *
 * <pre>{@code
 * List<TaskRule> rules = List.of(TaskRule.id(TaskId.parse("0c7d4f2e-...")), TaskRule.tag("nightly"));
 * }</pre>
 */
public sealed interface TaskRule {

  /** Tells whether {@code task} matches this rule. */
  boolean matches(TaskInfo task);

  /** Matches the task with this ID. */
  static TaskRule id(TaskId id) {
    return new ById(id);
  }

  /** Matches tasks carrying this tag. */
  static TaskRule tag(String tag) {
    return new ByTag(tag);
  }

  /** Matches tasks whose custom property {@code name} holds {@code value}. */
  static TaskRule customProperty(String name, String value) {
    return new ByCustomProperty(name, value);
  }

  /**
   * Matches by ID.
   *
   * @param id the task ID
   */
  record ById(TaskId id) implements TaskRule {
    public ById {
      Objects.requireNonNull(id, "id == null");
    }

    @Override
    public boolean matches(TaskInfo task) {
      return task.id().equals(id);
    }
  }

  /**
   * Matches by tag.
   *
   * @param tag the tag name
   */
  record ByTag(String tag) implements TaskRule {
    public ByTag {
      Objects.requireNonNull(tag, "tag == null");
    }

    @Override
    public boolean matches(TaskInfo task) {
      return task.hasTag(tag);
    }
  }

  /**
   * Matches by custom property value.
   *
   * @param name the custom property's name
   * @param value the value it must hold
   */
  record ByCustomProperty(String name, String value) implements TaskRule {
    public ByCustomProperty {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
    }

    @Override
    public boolean matches(TaskInfo task) {
      return task.hasCustomProperty(name, value);
    }
  }
}
