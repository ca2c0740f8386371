package dev.taskwire.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Starts Qlik Sense tasks.
 *
 * <p>Starts are asynchronous: {@link #start} returns at once and never blocks the calling thread,
 * and the returned stage always completes normally with a {@link TaskStartReport}. A failure is a
 * {@link TaskStartResult.Failed} value in that report, not an exceptional completion.
 * Implementations are thread-safe.
 *
 * <pre>{@code
 * try (TaskStarter starter = QrsTaskStarter.create(config)) {
 *   starter.start(TaskStartRequest.ofIds(TaskId.parse(id)))
 *       .thenAccept(report -> System.out.println(report.results()));
 * }
 * }</pre>
 */
public interface TaskStarter extends AutoCloseable {

  /** Starts the tasks that {@code request} names. */
  CompletableFuture<TaskStartReport> start(TaskStartRequest request);

  /**
   * Starts the tasks that {@code request} names and waits for the report.
   *
   * @throws CancellationException if the start was cancelled
   * @throws TaskwireException if the thread was interrupted while waiting
   */
  default TaskStartReport startAndWait(TaskStartRequest request) {
    try {
      return start(request).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskwireException(
          "Interrupted while waiting for " + request.selector().describe(), e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /** Releases connections and threads; starts still in flight may complete as failed. */
  @Override
  default void close() {}

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new TaskwireException("Task start failed: " + cause, cause);
  }
}
