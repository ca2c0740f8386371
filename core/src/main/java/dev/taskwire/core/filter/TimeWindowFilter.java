package dev.taskwire.core.filter;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Lets requests through only within a daily window on chosen days, in a given time zone; the window
 * may cross midnight ({@code 22:00} to {@code 06:00}). Outside it, requests are rejected.
 *
 * <pre>{@code
 * TriggerFilter hours = new TimeWindowFilter(ZoneId.of("Europe/Stockholm"),
 *     EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(6, 0), LocalTime.of(22, 0));
 * }</pre>
 */
public final class TimeWindowFilter implements TriggerFilter {

  /** Where the filter runs by default: {@value}, right after allow and deny lists. */
  public static final int DEFAULT_ORDER = -60;

  private final Set<DayOfWeek> days;
  private final LocalTime from;
  private final LocalTime to;
  private final Clock clock;

  /** A window from {@code from} (inclusive) to {@code to} (exclusive) on {@code days}. */
  public TimeWindowFilter(ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    this(Clock.system(zone), days, from, to);
  }

  /** Same, reading the time and zone from {@code clock} (for tests). */
  public TimeWindowFilter(Clock clock, Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    this.from = Objects.requireNonNull(from, "from == null");
    this.to = Objects.requireNonNull(to, "to == null");
    if (this.days.isEmpty()) {
      throw new IllegalArgumentException("A time window needs at least one day");
    }
  }

  @Override
  public String name() {
    return "time-window";
  }

  @Override
  public int order() {
    return DEFAULT_ORDER;
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    ZonedDateTime now = ZonedDateTime.now(clock);
    if (isOpen(now)) {
      return FilterDecision.accept();
    }
    return FilterDecision.reject(
        "Outside the start window "
            + from
            + "-"
            + to
            + " on "
            + days
            + " ("
            + clock.getZone()
            + "); it is now "
            + now.toLocalDateTime().withNano(0));
  }

  private boolean isOpen(ZonedDateTime now) {
    LocalTime time = now.toLocalTime();
    if (!from.isAfter(to)) {
      return days.contains(now.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }
    // The window crosses midnight: the part after midnight belongs to the previous day.
    if (!time.isBefore(from)) {
      return days.contains(now.getDayOfWeek());
    }
    return time.isBefore(to) && days.contains(now.getDayOfWeek().minus(1));
  }
}
