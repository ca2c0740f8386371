package dev.taskwire.core.filter;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskInfo;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An allow list or a deny list of tasks, by ID, tag or custom property, applied to every task a
 * request would start.
 *
 * <p>The request is resolved through the {@link TaskCatalog} first, so a list by tag also judges a
 * request by ID or by name. An allow list rejects the request when any task it picks matches no
 * rule, or when it picks no known task; a deny list rejects it when any task matches a rule. A
 * request by ID naming a task the catalog does not know is judged by ID rules alone.
 *
 * <pre>{@code
 * TriggerFilter allow = TaskListFilter.allow(catalog, List.of(TaskRule.tag("mqtt-startable")));
 * }</pre>
 */
public final class TaskListFilter implements TriggerFilter {

  /** Where the list runs by default: {@value}, early, before debounce and rate limits. */
  public static final int DEFAULT_ORDER = -100;

  private final boolean allow;
  private final TaskCatalog catalog;
  private final List<TaskRule> rules;
  private final boolean idRulesOnly;

  private TaskListFilter(boolean allow, TaskCatalog catalog, List<TaskRule> rules) {
    this.allow = allow;
    this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    this.rules = List.copyOf(rules);
    this.idRulesOnly = this.rules.stream().allMatch(rule -> rule instanceof TaskRule.ById);
  }

  /** Lets through only requests whose every task matches one of {@code rules}. */
  public static TaskListFilter allow(TaskCatalog catalog, List<TaskRule> rules) {
    return new TaskListFilter(true, catalog, rules);
  }

  /** Rejects requests that would start any task matching one of {@code rules}. */
  public static TaskListFilter deny(TaskCatalog catalog, List<TaskRule> rules) {
    return new TaskListFilter(false, catalog, rules);
  }

  @Override
  public String name() {
    return allow ? "allow-list" : "deny-list";
  }

  @Override
  public int order() {
    return DEFAULT_ORDER;
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    List<TaskInfo> tasks;
    try {
      tasks = resolve(request.selector());
    } catch (TaskwireException e) {
      return FilterDecision.reject("Could not check the task list: " + e.getMessage());
    }
    if (allow && tasks.isEmpty()) {
      return FilterDecision.reject(request.selector().describe() + " matches no known task");
    }

    List<String> offending =
        tasks.stream()
            .filter(task -> rules.stream().anyMatch(rule -> rule.matches(task)) != allow)
            .map(task -> task.id() + (task.name().isEmpty() ? "" : " (" + task.name() + ")"))
            .toList();
    if (offending.isEmpty()) {
      return FilterDecision.accept();
    }
    return FilterDecision.reject(
        (allow ? "Not on the allow list: " : "On the deny list: ") + String.join(", ", offending));
  }

  /** The tasks the selector picks; an ID unknown to the catalog stands for itself. */
  private List<TaskInfo> resolve(TaskSelector selector) {
    if (!(selector instanceof TaskSelector.ById byId)) {
      return catalog.resolve(selector);
    }
    // Rules by ID alone judge a request by ID without asking the catalog.
    List<TaskInfo> found = idRulesOnly ? List.of() : catalog.resolve(selector);
    Map<TaskId, TaskInfo> known =
        found.stream().collect(Collectors.toMap(TaskInfo::id, task -> task, (a, b) -> a));
    return byId.ids().stream()
        .map(id -> known.getOrDefault(id, new TaskInfo(id, "", Set.of(), Map.of())))
        .toList();
  }
}
