package dev.taskwire.mqtt.internal;

import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import dev.taskwire.mqtt.TaskStartRoute;
import java.util.List;
import java.util.Optional;

/** Finds the route for a topic: the first route, in the order configured, whose filter matches. */
public final class RouteTable {

  private record Entry(MqttTopicFilter filter, TaskStartRoute route) {}

  private final List<Entry> entries;

  public RouteTable(List<TaskStartRoute> routes) {
    this.entries =
        routes.stream().map(r -> new Entry(MqttTopicFilter.of(r.topicFilter()), r)).toList();
  }

  /** The route for {@code topic}, or empty when no task-start topic matches. */
  public Optional<TaskStartRoute> find(String topic) {
    for (Entry entry : entries) {
      if (TopicRules.matches(entry.filter, topic)) {
        return Optional.of(entry.route);
      }
    }
    return Optional.empty();
  }
}
