package dev.taskwire.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a filter may know about the message behind a request, without seeing the MQTT client.
 *
 * @param topic the topic the message was published on
 * @param retained whether the broker delivered it as a retained message
 * @param userProperties MQTT 5 user properties in the order sent (empty for MQTT 3.1.1)
 * @param receivedAt when taskwire received it
 * @param messageId taskwire's name for the message, unique within the process and prefixed with a
 *     random token per process ({@code 3f9a1c-42}), so that the log lines, the result and the
 *     metrics of one trigger can be matched up; MQTT's own packet identifiers are reused and not
 *     visible to the application
 */
public record TriggerContext(
    String topic,
    boolean retained,
    List<Map.Entry<String, String>> userProperties,
    Instant receivedAt,
    String messageId) {

  private static final String PROCESS_TOKEN =
      String.format("%06x", new SecureRandom().nextInt(1 << 24));
  private static final AtomicLong SEQUENCE = new AtomicLong();

  public TriggerContext {
    Objects.requireNonNull(topic, "topic == null");
    userProperties = List.copyOf(userProperties);
    Objects.requireNonNull(receivedAt, "receivedAt == null");
    Objects.requireNonNull(messageId, "messageId == null");
  }

  /** Creates a context with the next message ID of this process. */
  public TriggerContext(
      String topic,
      boolean retained,
      List<Map.Entry<String, String>> userProperties,
      Instant receivedAt) {
    this(topic, retained, userProperties, receivedAt, nextMessageId());
  }

  /** Returns the next message ID of this process: {@code <process token>-<sequence>}. */
  public static String nextMessageId() {
    return PROCESS_TOKEN + "-" + SEQUENCE.incrementAndGet();
  }

  /** Creates a context for a message on {@code topic} received now, with no user properties. */
  public static TriggerContext of(String topic) {
    return new TriggerContext(topic, false, List.of(), Instant.now());
  }
}
