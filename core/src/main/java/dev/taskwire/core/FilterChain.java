package dev.taskwire.core;

import dev.taskwire.core.FilterDecision.Reject;
import dev.taskwire.core.FilterDecision.Rewrite;
import dev.taskwire.core.FilterDecision.Skip;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered, immutable list of {@link TriggerFilter}s that runs a request through each in turn.
 *
 * <pre>{@code
 * FilterChain chain = FilterChain.discover(getClass().getClassLoader()).with(myFilter);
 * }</pre>
 */
public final class FilterChain {

  private static final Logger log = LoggerFactory.getLogger(FilterChain.class);

  private static final Comparator<TriggerFilter> ORDER =
      Comparator.comparingInt(TriggerFilter::order).thenComparing(TriggerFilter::name);

  private static final FilterChain EMPTY = new FilterChain(List.of());

  private final List<TriggerFilter> filters;

  private FilterChain(List<TriggerFilter> filters) {
    this.filters = filters;
  }

  /** Returns a chain with no filters, which accepts every request unchanged. */
  public static FilterChain empty() {
    return EMPTY;
  }

  /** Returns a chain of {@code filters}, sorted by order and then name. */
  public static FilterChain of(Collection<? extends TriggerFilter> filters) {
    List<TriggerFilter> sorted = new ArrayList<>(filters.size());
    for (TriggerFilter filter : filters) {
      sorted.add(Objects.requireNonNull(filter, "filter == null"));
    }
    sorted.sort(ORDER);
    return new FilterChain(List.copyOf(sorted));
  }

  /**
   * Returns a chain of every filter that {@link ServiceLoader} finds through {@code loader}.
   *
   * @throws TaskwireException if a listed filter cannot be loaded or instantiated; the message
   *     names the class and the cause
   */
  public static FilterChain discover(ClassLoader loader) {
    List<TriggerFilter> found = new ArrayList<>();
    try {
      for (TriggerFilter filter : ServiceLoader.load(TriggerFilter.class, loader)) {
        found.add(filter);
      }
    } catch (ServiceConfigurationError e) {
      throw new TaskwireException(
          "A trigger filter listed in META-INF/services/"
              + TriggerFilter.class.getName()
              + " could not be loaded: "
              + e.getMessage(),
          e);
    }
    FilterChain chain = of(found);
    log.debug("Discovered trigger filters {}", chain.names());
    return chain;
  }

  /** Returns a new chain holding these filters and {@code more}, in order. */
  public FilterChain with(TriggerFilter... more) {
    return with(List.of(more));
  }

  /** Returns a new chain holding these filters and {@code more}, in order. */
  public FilterChain with(Collection<? extends TriggerFilter> more) {
    List<TriggerFilter> all = new ArrayList<>(filters);
    all.addAll(more);
    return of(all);
  }

  /** The filters' names in the order they run. */
  public List<String> names() {
    return filters.stream().map(TriggerFilter::name).toList();
  }

  /** The filters in the order they run. */
  public List<TriggerFilter> filters() {
    return filters;
  }

  /**
   * Runs {@code request} through each filter in turn.
   *
   * @return the request as the last filter left it, or why it was stopped
   */
  public FilterOutcome apply(TaskStartRequest request, TriggerContext context) {
    TaskStartRequest current = request;
    for (TriggerFilter filter : filters) {
      FilterDecision decision;
      try {
        decision = Objects.requireNonNull(filter.apply(current, context), "decision == null");
      } catch (RuntimeException | LinkageError e) {
        log.warn("Trigger filter '{}' failed on {}", filter.name(), context.topic(), e);
        return new FilterOutcome.Rejected(
            new Rejection(
                RejectReason.FILTER_FAILED,
                "Filter '" + filter.name() + "' failed: " + e.getClass().getSimpleName()));
      }

      if (decision instanceof Skip skip) {
        return new FilterOutcome.Skipped("Filter '" + filter.name() + "': " + skip.reason());
      }
      if (decision instanceof Reject reject) {
        return new FilterOutcome.Rejected(
            new Rejection(
                RejectReason.FILTER_REJECTED,
                "Filter '" + filter.name() + "' rejected the request: " + reject.reason()));
      }
      if (decision instanceof Rewrite rewrite) {
        current = rewrite.request();
      }
    }
    return new FilterOutcome.Passed(current);
  }

  @Override
  public String toString() {
    return "FilterChain" + names();
  }
}
