package dev.taskwire.core;

import dev.taskwire.core.internal.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Says which tasks a request starts: by ID, by name, by tag, or by custom property value.
 *
 * <p>Starting by ID needs no lookup. The other selectors are resolved by the {@link TaskStarter},
 * which fails the request when nothing matches.
 */
public sealed interface TaskSelector {

  /**
   * A short description for logs and results, such as {@code tasks tagged 'nightly'}; values from a
   * payload are cut to 100 characters, with control characters escaped.
   */
  String describe();

  /**
   * Tasks named by ID, each at most once, in the order first given.
   *
   * @param ids one or more IDs
   */
  record ById(List<TaskId> ids) implements TaskSelector {
    public ById {
      Objects.requireNonNull(ids, "ids == null");
      ids = List.copyOf(new LinkedHashSet<>(ids));
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("A request by ID needs at least one task ID");
      }
    }

    @Override
    public String describe() {
      return ids.size() == 1 ? "task " + ids.get(0) : "tasks " + ids;
    }
  }

  /**
   * The tasks whose name equals {@code name}; QRS compares names without regard to case.
   *
   * @param name the task name, as shown in the Qlik Management Console
   */
  record ByName(String name) implements TaskSelector {
    public ByName {
      requireText(name, "name");
    }

    @Override
    public String describe() {
      return "task named '" + shown(name) + "'";
    }
  }

  /**
   * The tasks that carry the tag {@code tag}.
   *
   * @param tag the tag name
   */
  record ByTag(String tag) implements TaskSelector {
    public ByTag {
      requireText(tag, "tag");
    }

    @Override
    public String describe() {
      return "tasks tagged '" + shown(tag) + "'";
    }
  }

  /**
   * The tasks whose custom property {@code name} has the value {@code value}.
   *
   * @param name the custom property definition's name
   * @param value the value to match
   */
  record ByCustomProperty(String name, String value) implements TaskSelector {
    public ByCustomProperty {
      requireText(name, "name");
      requireText(value, "value");
    }

    @Override
    public String describe() {
      return "tasks with custom property " + shown(name) + "='" + shown(value) + "'";
    }
  }

  /**
   * A value from a payload as descriptions show it: control characters escaped and cut to 100
   * characters, since descriptions go into log lines and results.
   */
  private static String shown(String value) {
    return Text.preview(value, 100);
  }

  private static void requireText(String value, String what) {
    Objects.requireNonNull(value, what + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("The " + what + " of a task selector must not be blank");
    }
  }
}
