package dev.taskwire.benchmarks;

import dev.taskwire.qrs.testkit.RecordedRequest;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Matches the start requests that reach the QRS emulator to the messages published for them, by
 * task ID: each published message expects one request for its task. Thread-safe; the emulator calls
 * {@link #onRequest} from its worker threads.
 */
final class Arrivals {

  private static final String PREFIX = "/qrs/task/";
  private static final int ID_LENGTH = 36;

  private final Map<String, Expected> expected = new ConcurrentHashMap<>();
  private final LongAdder unexpected = new LongAdder();
  private final LongAdder notCreated = new LongAdder();

  /**
   * Registers a message for task {@code id} published at {@code publishedAt}; the future completes
   * with the request's arrival time, as the emulator took it.
   */
  CompletableFuture<Instant> expect(String id, Instant publishedAt) {
    Expected entry = new Expected(publishedAt, new CompletableFuture<>());
    if (expected.putIfAbsent(id, entry) != null) {
      throw new IllegalStateException("A message for task " + id + " is already on its way");
    }
    return entry.arrival();
  }

  /** Takes one request the emulator answered. */
  void onRequest(RecordedRequest request) {
    String path = request.path();
    if (!path.startsWith(PREFIX) || path.length() < PREFIX.length() + ID_LENGTH) {
      unexpected.increment();
      return;
    }
    if (request.status() != 201) {
      notCreated.increment();
    }
    Expected entry = expected.remove(path.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH));
    if (entry == null) {
      unexpected.increment();
      return;
    }
    entry.arrival().complete(request.receivedAt());
  }

  /**
   * Gives up on every message published before {@code cutoff}: its future fails with a {@link
   * TimeoutException}, and a request arriving for it later counts as unexpected.
   */
  void expireBefore(Instant cutoff) {
    expected.forEach(
        (id, entry) -> {
          if (entry.publishedAt().isBefore(cutoff) && expected.remove(id, entry)) {
            entry.arrival().completeExceptionally(new TimeoutException("No request for " + id));
          }
        });
  }

  /** Requests for no message on its way (late, repeated, or not a start). */
  long unexpected() {
    return unexpected.sum();
  }

  /** Requests the emulator answered with another status than 201 Created. */
  long notCreated() {
    return notCreated.sum();
  }

  private record Expected(Instant publishedAt, CompletableFuture<Instant> arrival) {}
}
