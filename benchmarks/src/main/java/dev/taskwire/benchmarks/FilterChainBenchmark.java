package dev.taskwire.benchmarks;

import dev.taskwire.core.FilterChain;
import dev.taskwire.core.FilterOutcome;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskInfo;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.filter.DebounceFilter;
import dev.taskwire.core.filter.RateLimitFilter;
import dev.taskwire.core.filter.TaskListFilter;
import dev.taskwire.core.filter.TaskRule;
import dev.taskwire.core.filter.TimeWindowFilter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the filter chain costs per request with every built-in filter on: an allow list by task ID,
 * debounce, rate limit and a time window, each letting the request through.
 *
 * <p>Requests are all distinct (their parameters differ), so debounce takes its accepting path. To
 * keep every request accepted at millions a second, debounce's window is 1 ms and the rate limit's
 * period 10 ms with a limit no benchmark reaches; the time window reads a fixed clock at noon on a
 * Wednesday, inside Monday to Friday 06:00 to 22:00. {@code allowListSize} is the number of IDs on
 * the allow list, which requests cycle through.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterChainBenchmark {

  private static final int DISTINCT_REQUESTS = 8192;

  @Param({"10", "1000"})
  public int allowListSize;

  private FilterChain chain = FilterChain.empty();
  private final List<TaskStartRequest> requests = new ArrayList<>();
  private final TriggerContext context = TriggerContext.of("qliksense/start_task");
  private int next;

  @Setup
  public void setUp() {
    List<TaskId> ids = new ArrayList<>();
    List<TaskRule> rules = new ArrayList<>();
    for (int i = 0; i < allowListSize; i++) {
      TaskId id = TaskId.parse(String.format("0b3e0000-0000-4000-8000-%012x", i));
      ids.add(id);
      rules.add(TaskRule.id(id));
    }
    TaskCatalog catalog =
        TaskCatalog.of(ids.stream().map(id -> new TaskInfo(id, "", Set.of(), Map.of())).toList());
    Clock noonOnWednesday =
        Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneId.of("Europe/Stockholm"));
    chain =
        FilterChain.of(
            List.of(
                TaskListFilter.allow(catalog, rules),
                new TimeWindowFilter(
                    noonOnWednesday,
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    LocalTime.of(6, 0),
                    LocalTime.of(22, 0)),
                new DebounceFilter(Duration.ofMillis(1)),
                new RateLimitFilter(Integer.MAX_VALUE, Duration.ofMillis(10))));

    for (int i = 0; i < DISTINCT_REQUESTS; i++) {
      requests.add(
          new TaskStartRequest(
              new TaskSelector.ById(List.of(ids.get(i % ids.size()))),
              Map.of("sequence", String.valueOf(i))));
    }
  }

  /** Runs one distinct request through the chain; expected to pass. */
  @Benchmark
  public FilterOutcome allBuiltInFilters() {
    TaskStartRequest request = requests.get(next);
    next = (next + 1) % DISTINCT_REQUESTS;
    return chain.apply(request, context);
  }

  /** The same request through an empty chain: the floor the filters add to. */
  @Benchmark
  public FilterOutcome emptyChain() {
    return FilterChain.empty().apply(requests.get(0), context);
  }
}
