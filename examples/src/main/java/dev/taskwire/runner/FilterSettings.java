package dev.taskwire.runner;

import dev.taskwire.core.FilterChain;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TriggerFilter;
import dev.taskwire.core.filter.DebounceFilter;
import dev.taskwire.core.filter.PublisherFilter;
import dev.taskwire.core.filter.RateLimitFilter;
import dev.taskwire.core.filter.TaskListFilter;
import dev.taskwire.core.filter.TaskRule;
import dev.taskwire.core.filter.TimeWindowFilter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the filter chain from the {@code filters} section of a taskwire file, or from {@code
 * Butler.startTaskFilter} of a Butler file.
 */
final class FilterSettings {

  static final List<String> KEYS =
      List.of("discover", "allow", "deny", "debounce", "rateLimit", "timeWindow", "publisher");
  static final List<String> LIST_KEYS = List.of("taskId", "tag", "customProperty");

  private FilterSettings() {}

  /** The keys of a route's own {@code filters}: those of the section but {@code discover}. */
  static final List<String> ROUTE_KEYS = KEYS.subList(1, KEYS.size());

  /** The chain for a taskwire file's {@code filters} section. */
  static FilterChain fromTaskwire(
      ConfigNode filters, Supplier<TaskCatalog> catalog, ClassLoader loader) {
    filters.requireOnly(KEYS);
    boolean discover = filters.bool("discover").orElse(true);
    FilterChain base = discover ? FilterChain.discover(loader) : FilterChain.empty();
    return base.with(builtIn(filters, catalog));
  }

  /**
   * The chain for a route: {@code common}, the file's {@code filters} section, followed by the
   * route's own built-in filters, so that a route can narrow what the file allows but never widen
   * it.
   */
  static FilterChain forRoute(
      FilterChain common, ConfigNode routeFilters, Supplier<TaskCatalog> catalog) {
    routeFilters.requireOnly(ROUTE_KEYS);
    return common.with(builtIn(routeFilters, catalog));
  }

  /** The built-in filters that {@code filters} configures. */
  private static List<TriggerFilter> builtIn(ConfigNode filters, Supplier<TaskCatalog> catalog) {
    List<TriggerFilter> chosen = new ArrayList<>();

    if (filters.has("allow")) {
      chosen.add(
          TaskListFilter.allow(
              catalogFor(filters.child("allow"), catalog), rules(filters.child("allow"))));
    }
    if (filters.has("deny")) {
      chosen.add(
          TaskListFilter.deny(
              catalogFor(filters.child("deny"), catalog), rules(filters.child("deny"))));
    }
    filters.duration("debounce").ifPresent(window -> chosen.add(new DebounceFilter(window)));
    if (filters.has("rateLimit")) {
      ConfigNode limit = filters.child("rateLimit");
      limit.requireOnly(List.of("maxStarts", "period"));
      chosen.add(
          new RateLimitFilter(
              limit.integer("maxStarts").orElseThrow(() -> limit.error("maxStarts", "is required")),
              limit.duration("period").orElse(Duration.ofMinutes(1))));
    }
    if (filters.has("timeWindow")) {
      chosen.add(timeWindow(filters.child("timeWindow")));
    }
    if (filters.has("publisher")) {
      ConfigNode publisher = filters.child("publisher");
      publisher.requireOnly(List.of("userProperty", "allowed"));
      chosen.add(
          new PublisherFilter(
              publisher.requiredText("userProperty"), Set.copyOf(publisher.strings("allowed"))));
    }

    return chosen;
  }

  /** The chain for a Butler file: its start-task allow list, applied to MQTT as well. */
  static FilterChain fromButler(
      ConfigNode butler, Supplier<TaskCatalog> catalog, ClassLoader loader) {
    ConfigNode filter = butler.child("startTaskFilter");
    FilterChain base = FilterChain.discover(loader);
    if (!filter.bool("enable").orElse(false)) {
      return base;
    }
    ConfigNode allow = filter.child("allowTask");
    return base.with(TaskListFilter.allow(catalogFor(allow, catalog), rules(allow)));
  }

  private static List<TaskRule> rules(ConfigNode list) {
    list.requireOnly(LIST_KEYS);
    List<TaskRule> rules = new ArrayList<>();
    for (String id : list.strings("taskId")) {
      try {
        rules.add(TaskRule.id(TaskId.parse(id.strip())));
      } catch (IllegalArgumentException e) {
        throw list.error("taskId", "holds '" + id + "', which is not a task ID");
      }
    }
    list.strings("tag").forEach(tag -> rules.add(TaskRule.tag(tag)));

    // Butler writes custom properties as "name=value"; taskwire also takes {name, value}.
    for (ConfigNode property : list.list("customProperty")) {
      if (property.scalar().isEmpty()) {
        property.requireOnly(List.of("name", "value"));
        rules.add(
            TaskRule.customProperty(property.requiredText("name"), property.requiredText("value")));
        continue;
      }
      String pair = property.scalar().get();
      int equals = pair.indexOf('=');
      if (equals < 1) {
        throw list.error("customProperty", "holds '" + pair + "'; write name=value");
      }
      rules.add(
          TaskRule.customProperty(
              pair.substring(0, equals).strip(), pair.substring(equals + 1).strip()));
    }
    return rules;
  }

  /** Lists by ID alone need no catalog, so no QRS lookups are made for them. */
  private static TaskCatalog catalogFor(ConfigNode list, Supplier<TaskCatalog> catalog) {
    boolean idsOnly = list.strings("tag").isEmpty() && list.list("customProperty").isEmpty();
    return idsOnly ? TaskCatalog.of(List.of()) : catalog.get();
  }

  private static TriggerFilter timeWindow(ConfigNode window) {
    window.requireOnly(List.of("zone", "days", "from", "to"));
    ZoneId zone;
    try {
      zone = ZoneId.of(window.text("zone").orElse("UTC"));
    } catch (RuntimeException e) {
      throw window.error("zone", "is not a time zone such as Europe/Stockholm");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : window.strings("days")) {
      days.add(day(window, day));
    }
    if (days.isEmpty()) {
      days = EnumSet.allOf(DayOfWeek.class);
    }
    return new TimeWindowFilter(zone, days, time(window, "from"), time(window, "to"));
  }

  private static DayOfWeek day(ConfigNode window, String text) {
    String upper = text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(upper) || day.name().startsWith(upper) && upper.length() >= 3) {
        return day;
      }
    }
    throw window.error("days", "holds '" + text + "', which is not a day such as MON or MONDAY");
  }

  private static LocalTime time(ConfigNode window, String key) {
    String text = window.requiredText(key);
    try {
      return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    } catch (DateTimeParseException e) {
      throw window.error(key, "must be a time such as 06:00, found '" + text + "'");
    }
  }
}
