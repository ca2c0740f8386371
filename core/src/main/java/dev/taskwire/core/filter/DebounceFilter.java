package dev.taskwire.core.filter;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Coalesces identical requests: the first passes, and an identical one (same tasks, same
 * parameters) within the window is skipped as a duplicate, without error.
 *
 * <p>This absorbs bursts (a batch of files landing, each announcing itself) and redeliveries of a
 * message after a reconnect. The window counts from the request that passed, whatever became of its
 * start. It holds within one process; instances sharing a subscription each keep their own.
 *
 * <pre>{@code
 * TriggerFilter debounce = new DebounceFilter(Duration.ofSeconds(30));
 * }</pre>
 */
public final class DebounceFilter implements TriggerFilter {

  /** Where the filter runs by default: {@value}, after allow and deny lists. */
  public static final int DEFAULT_ORDER = -50;

  private record Passed(TaskStartRequest request, long at) {}

  private final Duration window;
  private final Clock clock;
  private final Map<TaskStartRequest, Long> lastPassed = new HashMap<>();
  private final ArrayDeque<Passed> passes = new ArrayDeque<>();

  /** Skips identical requests within {@code window} of the last one that passed. */
  public DebounceFilter(Duration window) {
    this(window, Clock.systemUTC());
  }

  /** Same, with a clock of the caller's choosing (for tests). */
  public DebounceFilter(Duration window, Clock clock) {
    this.window = Objects.requireNonNull(window, "window == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("Debounce window must be positive, was " + window);
    }
  }

  @Override
  public String name() {
    return "debounce";
  }

  @Override
  public int order() {
    return DEFAULT_ORDER;
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    long now = clock.millis();
    long windowMillis = window.toMillis();
    long since;
    synchronized (this) {
      // Expire oldest first, so each request costs the same however full the window is.
      while (!passes.isEmpty() && now - passes.peekFirst().at() >= windowMillis) {
        Passed oldest = passes.pollFirst();
        lastPassed.remove(oldest.request(), oldest.at());
      }
      Long last = lastPassed.get(request);
      if (last == null) {
        lastPassed.put(request, now);
        passes.addLast(new Passed(request, now));
        return FilterDecision.accept();
      }
      since = now - last;
    }
    return FilterDecision.skip(
        "Duplicate of a request for "
            + request.selector().describe()
            + " "
            + since
            + " ms ago (window "
            + windowMillis
            + " ms)");
  }
}
