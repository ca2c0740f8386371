package dev.taskwire.core.filter;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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

  private static final int SWEEP_THRESHOLD = 10_000;

  private final Duration window;
  private final Clock clock;
  private final Map<TaskStartRequest, Long> lastPassed = new ConcurrentHashMap<>();

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
    AtomicBoolean passed = new AtomicBoolean();
    long since =
        lastPassed.compute(
            request,
            (key, last) -> {
              if (last == null || now - last >= windowMillis) {
                passed.set(true);
                return now;
              }
              return last;
            });
    if (lastPassed.size() > SWEEP_THRESHOLD) {
      lastPassed.values().removeIf(last -> now - last >= windowMillis);
    }

    if (passed.get()) {
      return FilterDecision.accept();
    }
    return FilterDecision.skip(
        "Duplicate of a request for "
            + request.selector().describe()
            + " "
            + (now - since)
            + " ms ago (window "
            + window.toMillis()
            + " ms)");
  }
}
