package dev.taskwire.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskInfo;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.core.TriggerContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltInFiltersTest {

  private static final TaskId SALES = TaskId.parse("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f");
  private static final TaskId FINANCE = TaskId.parse("5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3");
  private static final TaskCatalog CATALOG =
      TaskCatalog.of(
          List.of(
              new TaskInfo(SALES, "Reload sales", Set.of("mqtt"), Map.of("env", List.of("prod"))),
              new TaskInfo(
                  FINANCE, "Reload finance", Set.of("nightly"), Map.of("env", List.of("test")))));
  private static final TriggerContext CONTEXT = TriggerContext.of("qliksense/start_task");

  @Test
  void allowListByTagJudgesRequestsById() {
    TaskListFilter allow = TaskListFilter.allow(CATALOG, List.of(TaskRule.tag("MQTT")));

    FilterDecision sales = allow.apply(TaskStartRequest.ofIds(SALES), CONTEXT);
    FilterDecision finance = allow.apply(TaskStartRequest.ofIds(FINANCE), CONTEXT);

    assertThat(sales).isEqualTo(FilterDecision.accept());
    assertThat(finance)
        .isEqualTo(
            FilterDecision.reject("Not on the allow list: " + FINANCE + " (Reload finance)"));
  }

  @Test
  void allowListRejectsAGroupIfAnyOfItsTasksIsNotAllowed() {
    TaskListFilter allow =
        TaskListFilter.allow(CATALOG, List.of(TaskRule.customProperty("env", "prod")));

    FilterDecision both = allow.apply(TaskStartRequest.ofIds(SALES, FINANCE), CONTEXT);
    FilterDecision byName =
        allow.apply(TaskStartRequest.of(new TaskSelector.ByName("reload sales")), CONTEXT);

    assertThat(both).isInstanceOf(FilterDecision.Reject.class);
    assertThat(byName).isEqualTo(FilterDecision.accept());
  }

  @Test
  void allowListByIdAcceptsATaskTheCatalogDoesNotKnow() {
    TaskId unknown = TaskId.parse("9f8e7d6c-5b4a-4321-8fed-cba987654321");
    TaskListFilter allow =
        TaskListFilter.allow(TaskCatalog.of(List.of()), List.of(TaskRule.id(unknown)));

    assertThat(allow.apply(TaskStartRequest.ofIds(unknown), CONTEXT))
        .isEqualTo(FilterDecision.accept());
    assertThat(allow.apply(TaskStartRequest.ofIds(SALES), CONTEXT))
        .isInstanceOf(FilterDecision.Reject.class);
  }

  @Test
  void allowListRejectsWhenTheCatalogCannotAnswer() {
    TaskCatalog down =
        selector -> {
          throw new TaskwireException("QRS unreachable");
        };
    TaskListFilter allow = TaskListFilter.allow(down, List.of(TaskRule.tag("mqtt")));

    assertThat(allow.apply(TaskStartRequest.ofIds(SALES), CONTEXT))
        .isEqualTo(FilterDecision.reject("Could not check the task list: QRS unreachable"));
  }

  @Test
  void denyListRejectsMatchingTasksOnly() {
    TaskListFilter deny = TaskListFilter.deny(CATALOG, List.of(TaskRule.tag("nightly")));

    assertThat(deny.apply(TaskStartRequest.ofIds(SALES), CONTEXT))
        .isEqualTo(FilterDecision.accept());
    assertThat(deny.apply(TaskStartRequest.ofIds(FINANCE), CONTEXT))
        .isEqualTo(FilterDecision.reject("On the deny list: " + FINANCE + " (Reload finance)"));
  }

  @Test
  void debounceSkipsIdenticalRequestsWithinTheWindowOnly() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"), ZoneId.of("UTC"));
    DebounceFilter debounce = new DebounceFilter(Duration.ofSeconds(30), clock);
    TaskStartRequest request = TaskStartRequest.ofIds(SALES);

    FilterDecision first = debounce.apply(request, CONTEXT);
    clock.advance(Duration.ofSeconds(10));
    FilterDecision second = debounce.apply(request, CONTEXT);
    FilterDecision other = debounce.apply(TaskStartRequest.ofIds(FINANCE), CONTEXT);
    clock.advance(Duration.ofSeconds(20));
    FilterDecision afterWindow = debounce.apply(request, CONTEXT);

    assertThat(first).isEqualTo(FilterDecision.accept());
    assertThat(second)
        .isEqualTo(
            FilterDecision.skip(
                "Duplicate of a request for task " + SALES + " 10000 ms ago (window 30000 ms)"));
    assertThat(other).isEqualTo(FilterDecision.accept());
    assertThat(afterWindow).isEqualTo(FilterDecision.accept());
  }

  @Test
  void rateLimitCountsEachTaskWithinASlidingPeriod() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"), ZoneId.of("UTC"));
    RateLimitFilter limit = new RateLimitFilter(2, Duration.ofMinutes(1), clock);

    FilterDecision one = limit.apply(TaskStartRequest.ofIds(SALES), CONTEXT);
    FilterDecision two = limit.apply(TaskStartRequest.ofIds(SALES, FINANCE), CONTEXT);
    FilterDecision three = limit.apply(TaskStartRequest.ofIds(SALES), CONTEXT);
    FilterDecision financeAgain = limit.apply(TaskStartRequest.ofIds(FINANCE), CONTEXT);
    clock.advance(Duration.ofSeconds(61));
    FilterDecision later = limit.apply(TaskStartRequest.ofIds(SALES), CONTEXT);

    assertThat(one).isEqualTo(FilterDecision.accept());
    assertThat(two).isEqualTo(FilterDecision.accept());
    assertThat(three)
        .isEqualTo(
            FilterDecision.reject(
                "Task " + SALES + " was started 2 times in the last PT1M; the limit is 2"));
    assertThat(financeAgain).isEqualTo(FilterDecision.accept());
    assertThat(later).isEqualTo(FilterDecision.accept());
  }

  @Test
  void timeWindowHonoursDaysZoneAndMidnight() {
    ZoneId stockholm = ZoneId.of("Europe/Stockholm");
    // 2026-12-04 is a Friday; 21:30 UTC is 22:30 in Stockholm.
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T21:30:00Z"), stockholm);
    TimeWindowFilter nights =
        new TimeWindowFilter(
            clock, EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));

    FilterDecision fridayNight = nights.apply(TaskStartRequest.ofIds(SALES), CONTEXT);
    clock.advance(Duration.ofHours(6));
    FilterDecision saturdayEarly = nights.apply(TaskStartRequest.ofIds(SALES), CONTEXT);
    clock.advance(Duration.ofHours(2));
    FilterDecision saturdayMorning = nights.apply(TaskStartRequest.ofIds(SALES), CONTEXT);

    assertThat(fridayNight).isEqualTo(FilterDecision.accept());
    assertThat(saturdayEarly).isEqualTo(FilterDecision.accept());
    assertThat(saturdayMorning).isInstanceOf(FilterDecision.Reject.class);
    assertThat(((FilterDecision.Reject) saturdayMorning).reason())
        .isEqualTo(
            "Outside the start window 22:00-06:00 on [FRIDAY] (Europe/Stockholm); it is now 2026-12-05T06:30");
  }

  @Test
  void publisherFilterAllowsOnlyStampedKnownPublishers() {
    PublisherFilter publishers = new PublisherFilter("client-id", Set.of("erp-loader"));
    TriggerContext known =
        new TriggerContext(
            "t", false, List.of(Map.entry("client-id", "erp-loader")), Instant.now());
    TriggerContext stranger =
        new TriggerContext("t", false, List.of(Map.entry("client-id", "laptop-42")), Instant.now());

    assertThat(publishers.apply(TaskStartRequest.ofIds(SALES), known))
        .isEqualTo(FilterDecision.accept());
    assertThat(publishers.apply(TaskStartRequest.ofIds(SALES), stranger))
        .isEqualTo(
            FilterDecision.reject(
                "Publisher 'laptop-42' (user property client-id) is not allowed to start tasks"));
    assertThat(publishers.apply(TaskStartRequest.ofIds(SALES), CONTEXT))
        .isEqualTo(FilterDecision.reject("The message has no user property 'client-id'"));
  }
}
