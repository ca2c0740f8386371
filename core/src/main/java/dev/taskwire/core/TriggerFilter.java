package dev.taskwire.core;

/**
 * A plug-in that sees each parsed request before any task is started, and accepts, rewrites or
 * rejects it.
 *
 * <p>Filters are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.taskwire.core.TriggerFilter}; it needs a public no-argument constructor) or
 * registered in code. They run in ascending {@link #order()}, ties broken by {@link #name()}. A
 * filter that throws rejects that one message with reason {@code filter-failed}; the trigger goes
 * on. One instance serves every message, possibly from several threads at once, so an
 * implementation must be thread-safe.
 *
 * <pre>{@code
 * public final class WorkingHoursOnly implements TriggerFilter {
 *   public String name() { return "working-hours-only"; }
 *   public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
 *     int hour = LocalTime.now().getHour();
 *     return hour >= 7 && hour < 19 ? FilterDecision.accept() : FilterDecision.reject("Outside 07-19");
 *   }
 * }
 * }</pre>
 */
public interface TriggerFilter {

  /** The default order, for filters that do not care where they run. */
  int DEFAULT_ORDER = 0;

  /** A short, stable name used in logs and rejection messages. */
  String name();

  /** Where the filter runs: lower runs earlier. Defaults to {@value #DEFAULT_ORDER}. */
  default int order() {
    return DEFAULT_ORDER;
  }

  /** Decides what happens to {@code request}. */
  FilterDecision apply(TaskStartRequest request, TriggerContext context);
}
