package dev.taskwire.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a filter may know about the message behind a request, without seeing the MQTT client.
 *
 * @param topic the topic the message was published on
 * @param retained whether the broker delivered it as a retained message
 * @param userProperties MQTT 5 user properties in the order sent (empty for MQTT 3.1.1)
 * @param receivedAt when taskwire received it
 */
public record TriggerContext(
    String topic,
    boolean retained,
    List<Map.Entry<String, String>> userProperties,
    Instant receivedAt) {

  public TriggerContext {
    Objects.requireNonNull(topic, "topic == null");
    userProperties = List.copyOf(userProperties);
    Objects.requireNonNull(receivedAt, "receivedAt == null");
  }

  /** Creates a context for a message on {@code topic} received now, with no user properties. */
  public static TriggerContext of(String topic) {
    return new TriggerContext(topic, false, List.of(), Instant.now());
  }
}
