package dev.taskwire.core.filter;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lets through only messages whose MQTT 5 user property {@code property} holds one of the allowed
 * values: for brokers that stamp the publisher's identity (its client ID or user name) on each
 * message, so that only known systems may start tasks. A message without the property is rejected,
 * and so is every MQTT 3.1.1 message, which cannot carry one.
 *
 * <pre>{@code
 * TriggerFilter publishers = new PublisherFilter("client-id", Set.of("erp-loader", "dwh-batch"));
 * }</pre>
 */
public final class PublisherFilter implements TriggerFilter {

  /** Where the filter runs by default: {@value}, first of all. */
  public static final int DEFAULT_ORDER = -200;

  private final String property;
  private final Set<String> allowed;

  /** Allows messages whose user property {@code property} is one of {@code allowed}. */
  public PublisherFilter(String property, Set<String> allowed) {
    this.property = Objects.requireNonNull(property, "property == null");
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public String name() {
    return "publisher";
  }

  @Override
  public int order() {
    return DEFAULT_ORDER;
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    Optional<String> value =
        context.userProperties().stream()
            .filter(entry -> entry.getKey().equals(property))
            .map(Map.Entry::getValue)
            .findFirst();
    if (value.isEmpty()) {
      return FilterDecision.reject("The message has no user property '" + property + "'");
    }
    if (!allowed.contains(value.get())) {
      return FilterDecision.reject(
          "Publisher '"
              + value.get()
              + "' (user property "
              + property
              + ") is not allowed to start tasks");
    }
    return FilterDecision.accept();
  }
}
