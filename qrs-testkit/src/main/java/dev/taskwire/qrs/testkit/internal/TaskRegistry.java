package dev.taskwire.qrs.testkit.internal;

import dev.taskwire.qrs.testkit.EmulatedTask;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tasks an emulator knows, in the order they were added. Thread-safe: reads see an immutable
 * snapshot; changes replace it.
 */
public final class TaskRegistry {

  private volatile Map<String, EmulatedTask> tasks;

  /** Creates a registry holding {@code initial}, whose ids must be distinct. */
  public TaskRegistry(Collection<EmulatedTask> initial) {
    Map<String, EmulatedTask> byId = new LinkedHashMap<>();
    initial.forEach(task -> byId.put(task.id(), task));
    this.tasks = byId;
  }

  /** Adds {@code task}, or replaces the task with the same id in place. */
  public synchronized void put(EmulatedTask task) {
    Map<String, EmulatedTask> copy = new LinkedHashMap<>(tasks);
    copy.put(task.id(), task);
    tasks = copy;
  }

  /** Removes the task with id {@code id}; returns whether there was one. */
  public synchronized boolean remove(String id) {
    Map<String, EmulatedTask> copy = new LinkedHashMap<>(tasks);
    boolean removed = copy.remove(Guids.normalize(id)) != null;
    tasks = copy;
    return removed;
  }

  /** Returns every task, visible or not, in the order added. */
  public List<EmulatedTask> all() {
    return List.copyOf(tasks.values());
  }

  /** Returns the tasks {@code user} sees, in the order added. */
  public List<EmulatedTask> visibleTo(@Nullable String user) {
    return tasks.values().stream().filter(task -> task.isVisibleTo(user)).toList();
  }

  /** Returns task {@code id} if {@code user} sees it, else null as if it did not exist. */
  public @Nullable EmulatedTask find(String id, @Nullable String user) {
    EmulatedTask task = tasks.get(Guids.normalize(id));
    return task != null && task.isVisibleTo(user) ? task : null;
  }

  /** Returns task {@code id} whoever may see it, or null if there is none. */
  public @Nullable EmulatedTask findAny(String id) {
    return tasks.get(Guids.normalize(id));
  }

  /** Returns the first task named {@code name} (any case) that {@code user} sees, else null. */
  public @Nullable EmulatedTask findByName(String name, @Nullable String user) {
    for (EmulatedTask task : tasks.values()) {
      if (task.name().equalsIgnoreCase(name) && task.isVisibleTo(user)) {
        return task;
      }
    }
    return null;
  }
}
