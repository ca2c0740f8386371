package dev.taskwire.runner;

import com.hivemq.client.mqtt.datatypes.MqttSharedTopicFilter;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import dev.taskwire.core.FilterChain;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskStarter;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.mqtt.TaskStartRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads {@code mqtt.routes} of a taskwire file: task-start topics beyond {@code
 * mqtt.taskStartTopic}, all sharing the file's one QRS starter and its {@code filters} section,
 * each with filters of its own added.
 *
 * <pre>{@code
 * mqtt:
 *   rootTopic: qliksense/#
 *   routes:
 *     - topic: qliksense/finance/start
 *       filters: {allow: {tag: [finance]}}
 *     - topic: qliksense/start/+
 *       idFromTopic: true
 * }</pre>
 */
final class RouteSettings {

  static final List<String> KEYS = List.of("topic", "idFromTopic", "filters");

  /** A topic that takes the messages it matches before any route written after it. */
  private record Served(String topic, MqttTopicFilter filter, String setting) {}

  private RouteSettings() {}

  /**
   * Checks every route's keys and topic, before anything is built: each topic must lie under {@code
   * mqtt.rootTopic}, and no earlier topic may already take every message it would match, since the
   * trigger gives a message to the first route that matches.
   *
   * @return the routes, in the order written
   * @throws TaskwireException naming the setting at fault
   */
  static List<ConfigNode> read(ConfigNode mqtt) {
    List<ConfigNode> routes = mqtt.list("routes");
    if (!mqtt.has("taskStartTopic") && routes.isEmpty()) {
      throw mqtt.error("taskStartTopic", "is required unless mqtt.routes lists task-start topics");
    }
    if (!mqtt.has("taskStartTopic") && mqtt.has("idFromTopic")) {
      throw mqtt.error(
          "idFromTopic",
          "applies to mqtt.taskStartTopic, which is not set; set it on the route instead");
    }

    MqttTopicFilter root = underRoot(mqtt);
    List<Served> earlier = new ArrayList<>();
    if (mqtt.has("taskStartTopic")) {
      String topic = mqtt.requiredText("taskStartTopic");
      earlier.add(
          new Served(topic, filter(topic, mqtt.key("taskStartTopic")), mqtt.key("taskStartTopic")));
    }
    for (ConfigNode route : routes) {
      if (route.scalar().isPresent()) {
        throw new TaskwireException(
            "Setting "
                + route.path()
                + " must be a section with a topic, found '"
                + route.scalar().get()
                + "'");
      }
      route.requireOnly(KEYS);
      String topic = route.requiredText("topic");
      MqttTopicFilter filter = filter(topic, route.key("topic"));
      if (!root.matches(filter)) {
        throw new TaskwireException(
            "Task-start topic '"
                + topic
                + "' is not matched by the subscription '"
                + mqtt.requiredText("rootTopic")
                + "', so no message on it would arrive ("
                + route.key("topic")
                + ")");
      }
      for (Served served : earlier) {
        if (served.filter().matches(filter)) {
          throw new TaskwireException(
              "Task-start topic '"
                  + topic
                  + "' is already served by '"
                  + served.topic()
                  + "' ("
                  + served.setting()
                  + "), which is checked first, so no message would reach this route ("
                  + route.key("topic")
                  + ")");
        }
      }

      // Read now, so that a value that is not true or false fails before the starter is built.
      route.bool("idFromTopic");
      earlier.add(new Served(topic, filter, route.key("topic")));
    }
    return routes;
  }

  /**
   * The route a checked entry of {@link #read} describes, served by {@code starter}, filtered by
   * {@code common} (the file's {@code filters} section) and then by its own filters.
   */
  static TaskStartRoute route(
      ConfigNode route, TaskStarter starter, FilterChain common, Supplier<TaskCatalog> catalog) {
    return new TaskStartRoute(
        route.requiredText("topic"),
        starter,
        FilterSettings.forRoute(common, route.child("filters"), catalog),
        route.bool("idFromTopic").orElse(false));
  }

  /** The part of {@code mqtt.rootTopic} that topics are matched against, without a share group. */
  private static MqttTopicFilter underRoot(ConfigNode mqtt) {
    MqttTopicFilter root = filter(mqtt.requiredText("rootTopic"), mqtt.key("rootTopic"));
    return root.isShared() ? ((MqttSharedTopicFilter) root).getTopicFilter() : root;
  }

  private static MqttTopicFilter filter(String text, String setting) {
    try {
      return MqttTopicFilter.of(text);
    } catch (IllegalArgumentException e) {
      throw new TaskwireException(
          "Topic filter '" + text + "' is not valid: " + e.getMessage() + " (" + setting + ")", e);
    }
  }
}
