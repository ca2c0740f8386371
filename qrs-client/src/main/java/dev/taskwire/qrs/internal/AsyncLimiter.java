package dev.taskwire.qrs.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs at most a fixed number of asynchronous tasks at once; the rest wait in a queue, and no
 * thread ever blocks. This keeps {@code HttpClient} from opening one connection (and one TLS
 * handshake) per request in flight during a burst.
 *
 * <p>The queue of waiting tasks has no bound of its own: callers bound what they submit, as the
 * MQTT trigger bounds the starts it has in flight; a caller that submits without bound grows the
 * queue.
 */
public final class AsyncLimiter {

  private final int permits;
  private final AtomicInteger running = new AtomicInteger();
  private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  public AsyncLimiter(int permits) {
    this.permits = permits;
  }

  /** Runs {@code task} when a permit is free; the result completes with the task's. */
  public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    waiting.add(
        () -> {
          CompletableFuture<T> started;
          try {
            started = task.get();
          } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
          }
          started.whenComplete(
              (value, failure) -> {
                running.decrementAndGet();
                drain();
                if (failure != null) {
                  result.completeExceptionally(failure);
                } else {
                  result.complete(value);
                }
              });
        });
    drain();
    return result;
  }

  /** How many tasks run now. */
  public int running() {
    return running.get();
  }

  private void drain() {
    while (true) {
      int now = running.get();
      if (now >= permits || waiting.isEmpty()) {
        return;
      }
      if (!running.compareAndSet(now, now + 1)) {
        continue;
      }
      Runnable next = waiting.poll();
      if (next == null) {
        running.decrementAndGet();
        continue;
      }
      next.run();
    }
  }
}
