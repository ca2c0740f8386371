package dev.taskwire.mqtt.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message received from the broker, free of the client library's types.
 *
 * @param topic the topic it was published on
 * @param payload its payload (read-only)
 * @param qos 0, 1 or 2
 * @param retained whether it was delivered as a retained message
 * @param userProperties MQTT 5 user properties, empty for 3.1.1
 * @param responseTopic MQTT 5 response topic, if the publisher set one
 * @param correlationData MQTT 5 correlation data, if the publisher set it
 * @param acknowledgement acknowledges the message to the broker; call once, when its outcome is
 *     final
 */
public record IncomingMessage(
    String topic,
    ByteBuffer payload,
    int qos,
    boolean retained,
    List<Map.Entry<String, String>> userProperties,
    @Nullable String responseTopic,
    @Nullable ByteBuffer correlationData,
    Runnable acknowledgement) {}
