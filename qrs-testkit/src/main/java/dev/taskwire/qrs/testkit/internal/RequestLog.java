package dev.taskwire.qrs.testkit.internal;

import dev.taskwire.qrs.testkit.RecordedRequest;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the requests an emulator answered and tells the listener about each. Thread-safe. */
public final class RequestLog {

  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

  private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
  private final boolean keep;
  private final @Nullable Consumer<RecordedRequest> listener;

  /**
   * @param keep whether to keep requests for {@link #snapshot()}; the listener is told either way
   * @param listener called after each answer, or null
   */
  public RequestLog(boolean keep, @Nullable Consumer<RecordedRequest> listener) {
    this.keep = keep;
    this.listener = listener;
  }

  /** Keeps {@code request} for {@link #snapshot()}, unless keeping is off. */
  public void keep(RecordedRequest request) {
    if (keep) {
      requests.add(request);
    }
  }

  /** Tells the listener about {@code request}; a throwing listener is logged, not rethrown. */
  public void tell(RecordedRequest request) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} answered {} for {}",
          request.method(),
          request.path(),
          request.status(),
          request.user());
    }
    if (listener != null) {
      try {
        listener.accept(request);
      } catch (RuntimeException e) {
        LOG.warn(
            "Request listener threw on {} {}; the emulator goes on",
            request.method(),
            request.path(),
            e);
      }
    }
  }

  /** Returns the kept requests in arrival order. */
  public List<RecordedRequest> snapshot() {
    return List.copyOf(requests);
  }

  /** Forgets the kept requests. */
  public void clear() {
    requests.clear();
  }
}
