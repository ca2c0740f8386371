package com.example.taskwire;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * An example {@link TriggerFilter}: holds back triggers that arrive outside business hours, unless
 * the payload's parameters say {@code "urgent": "true"}.
 *
 * <p>It is listed in {@code META-INF/services/dev.taskwire.core.TriggerFilter}, so the runner and
 * {@link dev.taskwire.core.FilterChain#discover} find it on the class path. The hours come from the
 * system properties {@code taskwire.example.opens} and {@code taskwire.example.closes} (defaults
 * 00:00 and 24:00, that is always open) in the zone {@code taskwire.example.zone}.
 */
public final class BusinessHoursFilter implements TriggerFilter {

  private final Clock clock;
  private final LocalTime opens;
  private final LocalTime closes;

  /** Reads the hours from system properties; ServiceLoader calls this. */
  public BusinessHoursFilter() {
    this(
        Clock.system(ZoneId.of(System.getProperty("taskwire.example.zone", "UTC"))),
        LocalTime.parse(System.getProperty("taskwire.example.opens", "00:00")),
        closing(System.getProperty("taskwire.example.closes", "24:00")));
  }

  /** Uses the given clock and hours, for tests. */
  public BusinessHoursFilter(Clock clock, LocalTime opens, LocalTime closes) {
    this.clock = clock;
    this.opens = opens;
    this.closes = closes;
  }

  @Override
  public String name() {
    return "business-hours";
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    if ("true".equals(request.parameters().get("urgent"))) {
      return FilterDecision.accept();
    }

    LocalTime now = LocalTime.now(clock);
    boolean open = !now.isBefore(opens) && now.isBefore(closes);
    return open
        ? FilterDecision.accept()
        : FilterDecision.reject("Outside business hours " + opens + "-" + closes);
  }

  private static LocalTime closing(String text) {
    return "24:00".equals(text) ? LocalTime.MAX : LocalTime.parse(text);
  }
}
