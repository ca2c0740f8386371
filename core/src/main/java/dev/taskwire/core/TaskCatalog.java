package dev.taskwire.core;

import java.util.List;

/**
 * Tells filters which tasks exist and what tags and custom properties they carry, so that an allow
 * list by tag can judge a request by ID before anything is started.
 *
 * <p>Implementations answer from memory (for example a copy of QRS's task list refreshed in the
 * background), because filters run synchronously. They are thread-safe.
 */
public interface TaskCatalog {

  /**
   * Returns the tasks that {@code selector} picks, as far as the catalog knows them; empty when
   * none match.
   *
   * @throws TaskwireException when the catalog cannot answer at all (for example, QRS could not be
   *     reached and nothing is cached); a filter then rejects the request
   */
  List<TaskInfo> resolve(TaskSelector selector);

  /** Returns a catalog that knows exactly {@code tasks}, for tests and fixed set-ups. */
  static TaskCatalog of(List<TaskInfo> tasks) {
    List<TaskInfo> known = List.copyOf(tasks);
    return selector -> known.stream().filter(task -> selects(selector, task)).toList();
  }

  /**
   * Tells whether {@code selector} picks {@code task}; names and values ignore case, as QRS does.
   */
  static boolean selects(TaskSelector selector, TaskInfo task) {
    if (selector instanceof TaskSelector.ById byId) {
      return byId.ids().contains(task.id());
    }
    if (selector instanceof TaskSelector.ByName byName) {
      return task.name().equalsIgnoreCase(byName.name());
    }
    if (selector instanceof TaskSelector.ByTag byTag) {
      return task.hasTag(byTag.tag());
    }
    TaskSelector.ByCustomProperty property = (TaskSelector.ByCustomProperty) selector;
    return task.hasCustomProperty(property.name(), property.value());
  }
}
