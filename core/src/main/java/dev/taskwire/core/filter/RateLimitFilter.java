package dev.taskwire.core.filter;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits how often each task may be started: at most {@code maxStarts} requests per task within any
 * {@code period}. A request over the limit is rejected and takes up no allowance. Tasks are counted
 * by ID; a request by name, tag or custom property counts against its selector.
 *
 * <pre>{@code
 * TriggerFilter limit = new RateLimitFilter(3, Duration.ofMinutes(10));
 * }</pre>
 */
public final class RateLimitFilter implements TriggerFilter {

  /** Where the filter runs by default: {@value}, after debounce. */
  public static final int DEFAULT_ORDER = -40;

  private final int maxStarts;
  private final Duration period;
  private final Clock clock;
  private final Map<Object, Deque<Long>> history = new ConcurrentHashMap<>();

  /** Allows {@code maxStarts} per task within any {@code period}. */
  public RateLimitFilter(int maxStarts, Duration period) {
    this(maxStarts, period, Clock.systemUTC());
  }

  /** Same, with a clock of the caller's choosing (for tests). */
  public RateLimitFilter(int maxStarts, Duration period, Clock clock) {
    if (maxStarts < 1) {
      throw new IllegalArgumentException(
          "Rate limit must allow at least 1 start, was " + maxStarts);
    }
    this.maxStarts = maxStarts;
    this.period = Objects.requireNonNull(period, "period == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public String name() {
    return "rate-limit";
  }

  @Override
  public int order() {
    return DEFAULT_ORDER;
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    List<Object> keys = keys(request.selector());
    long now = clock.millis();
    long oldest = now - period.toMillis();

    // All of a request's tasks are judged and charged together, under one lock per request.
    synchronized (history) {
      for (Object key : keys) {
        Deque<Long> times = history.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
          times.pollFirst();
        }
        if (times.size() >= maxStarts) {
          return FilterDecision.reject(
              label(key)
                  + " was started "
                  + times.size()
                  + " times in the last "
                  + period
                  + "; the limit is "
                  + maxStarts);
        }
      }
      for (Object key : keys) {
        history.get(key).addLast(now);
      }
    }
    return FilterDecision.accept();
  }

  /** What a request is charged to: each task by ID, else the selector itself. */
  private static List<Object> keys(TaskSelector selector) {
    if (selector instanceof TaskSelector.ById byId) {
      return List.copyOf(byId.ids());
    }
    return List.of(selector);
  }

  private static String label(Object key) {
    return key instanceof TaskId id ? "Task " + id.value() : ((TaskSelector) key).describe();
  }
}
