package dev.taskwire.mqtt.internal;

import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;

/** Checks topics and topic filters against the MQTT rules and against each other. */
public final class TopicRules {

  private TopicRules() {}

  /**
   * Checks that {@code filter} is a valid topic filter.
   *
   * @throws IllegalArgumentException naming the value and the setting
   */
  public static MqttTopicFilter filter(String filter, String setting) {
    try {
      return MqttTopicFilter.of(filter);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Topic filter '" + filter + "' is not valid: " + e.getMessage() + " (" + setting + ")",
          e);
    }
  }

  /**
   * Checks that {@code topic} is a valid topic name (no wildcards).
   *
   * @throws IllegalArgumentException naming the value and the setting
   */
  public static String topic(String topic, String setting) {
    try {
      return MqttTopic.of(topic).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Topic '" + topic + "' is not valid: " + e.getMessage() + " (" + setting + ")", e);
    }
  }

  /**
   * Checks that every message matching {@code inner} also matches {@code root}.
   *
   * @throws IllegalArgumentException naming both and the setting
   */
  public static void requireUnder(MqttTopicFilter root, String inner, String setting) {
    MqttTopicFilter innerFilter = filter(inner, setting);
    if (!root.matches(innerFilter)) {
      throw new IllegalArgumentException(
          "Task-start topic '"
              + inner
              + "' is not matched by the subscription '"
              + root
              + "', so no message on it would arrive ("
              + setting
              + ")");
    }
  }

  /**
   * Tells whether {@code topic} matches {@code filter}, as a broker matches it: a topic starting
   * with {@code $} (such as {@code $SYS/...}) is not matched by a filter starting with a wildcard.
   */
  public static boolean matches(MqttTopicFilter filter, String topic) {
    String text = filter.toString();
    if (topic.startsWith("$") && (text.startsWith("#") || text.startsWith("+"))) {
      return false;
    }
    return filter.matches(MqttTopic.of(topic));
  }
}
