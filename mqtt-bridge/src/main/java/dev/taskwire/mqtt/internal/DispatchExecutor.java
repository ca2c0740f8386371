package dev.taskwire.mqtt.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The trigger's dispatch thread. After {@link #shutdown()}, tasks run on the caller's thread
 * instead of being refused: the MQTT client still hands over the end of its session after the
 * trigger closed, and refusing that would surface as an undeliverable-error stack trace.
 */
public final class DispatchExecutor implements java.util.concurrent.Executor {

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread dispatch = new Thread(runnable, "taskwire-dispatch");
            dispatch.setDaemon(true);
            return dispatch;
          });

  @Override
  public void execute(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** Lets queued work finish; later work runs on the caller's thread. */
  public void shutdown() {
    thread.shutdown();
  }
}
