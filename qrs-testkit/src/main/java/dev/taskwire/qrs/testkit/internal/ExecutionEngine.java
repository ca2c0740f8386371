package dev.taskwire.qrs.testkit.internal;

import dev.taskwire.qrs.testkit.EmulatedTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs execution sessions: each start moves through its task's statuses on a scheduler, writing
 * result rows as it goes. Thread-safe.
 *
 * <p>Result rows are kept for the life of the emulator, so that they can be looked up after the
 * session ended; an emulator started millions of tasks holds millions of small rows.
 */
public final class ExecutionEngine implements AutoCloseable {

  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private final Map<String, Execution> live = new LinkedHashMap<>();
  // A row is an ExecutionResult once its attempt ended, the live Execution while it runs.
  private final LinkedHashMap<String, Object> rows = new LinkedHashMap<>();
  private final Map<String, String> lastRowByTask = new HashMap<>();

  /** Creates an engine whose scheduler thread is named after {@code name}. */
  public ExecutionEngine(String name) {
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name + "-executions");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts an execution of {@code task} and returns its session id. */
  public String start(EmulatedTask task) {
    String id = start(task, false);
    return Objects.requireNonNull(id, "a start that is never refused returned null");
  }

  /**
   * Starts an execution of {@code task} and returns its session id; with {@code unlessRunning},
   * returns null instead when an execution of the task is still live.
   */
  public @Nullable String start(EmulatedTask task, boolean unlessRunning) {
    Execution execution =
        new Execution(Guids.random(), task.id(), task.executionStatuses(), Instant.now());
    synchronized (lock) {
      if (unlessRunning && liveOf(task.id()) != null) {
        return null;
      }
      live.put(execution.id(), execution);
    }
    schedule(execution, 0, task.stepDuration());
    return execution.id();
  }

  /** Aborts every live execution of task {@code taskId}. */
  public void stop(String taskId) {
    Instant now = Instant.now();
    synchronized (lock) {
      Iterator<Execution> each = live.values().iterator();
      while (each.hasNext()) {
        Execution execution = each.next();
        if (execution.taskId().equals(taskId)) {
          execution.abort(now);
          rows.put(execution.resultId(), execution.current());
          lastRowByTask.put(taskId, execution.resultId());
          each.remove();
        }
      }
    }
  }

  /** Returns the live session {@code id}, or null once it ended or if it never existed. */
  public @Nullable ExecutionSession session(String id) {
    synchronized (lock) {
      Execution execution = live.get(id);
      return execution == null ? null : execution.session();
    }
  }

  /** Returns every result row so far, oldest first. */
  public List<ExecutionResult> results() {
    synchronized (lock) {
      List<ExecutionResult> all = new ArrayList<>(rows.size());
      for (Object row : rows.values()) {
        all.add(resolve(row));
      }
      return all;
    }
  }

  /** Returns result row {@code id}, or null if there is none. */
  public @Nullable ExecutionResult result(String id) {
    synchronized (lock) {
      Object row = rows.get(id);
      return row == null ? null : resolve(row);
    }
  }

  /**
   * Returns the task's live execution as it stands (Triggered from the moment it was started), or
   * else the newest result row of task {@code taskId}, or null if it never ran.
   */
  public @Nullable ExecutionResult lastResult(String taskId) {
    synchronized (lock) {
      Execution running = liveOf(taskId);
      if (running != null) {
        return running.current();
      }
      String id = lastRowByTask.get(taskId);
      return id == null ? null : resolve(rows.get(id));
    }
  }

  // Called under the lock; the newest live execution of the task, or null.
  private @Nullable Execution liveOf(String taskId) {
    Execution newest = null;
    for (Execution execution : live.values()) {
      if (execution.taskId().equals(taskId)) {
        newest = execution;
      }
    }
    return newest;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private void schedule(Execution execution, int index, Duration stepDuration) {
    try {
      scheduler.schedule(
          () -> step(execution, index, stepDuration), stepDuration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The emulator is closing; the execution stays where it is.
    }
  }

  private void step(Execution execution, int index, Duration stepDuration) {
    boolean more;
    synchronized (lock) {
      if (execution.finished()) {
        return;
      }
      ExecutionResult closedAttempt = execution.apply(index, Instant.now());
      if (closedAttempt != null) {
        rows.put(closedAttempt.id(), closedAttempt);
      }
      rows.putIfAbsent(execution.resultId(), execution);
      lastRowByTask.put(execution.taskId(), execution.resultId());
      if (execution.finished()) {
        rows.put(execution.resultId(), execution.current());
        live.remove(execution.id());
      }
      more = execution.hasMoreSteps(index);
    }
    if (more) {
      schedule(execution, index + 1, stepDuration);
    }
  }

  private static ExecutionResult resolve(@Nullable Object row) {
    if (row instanceof Execution execution) {
      return execution.current();
    }
    return (ExecutionResult) Objects.requireNonNull(row, "row == null");
  }
}
