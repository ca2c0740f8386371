package dev.taskwire.mqtt.internal;

import dev.taskwire.mqtt.ConnectionState;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One connection to the broker, the same for MQTT 3.1.1 and 5. */
public interface BrokerConnection {

  /**
   * Connects, subscribes to {@code topicFilter}, and completes once subscribed. With {@code
   * noLocal} (MQTT 5 only) the broker does not send back this client's own publications.
   */
  CompletableFuture<Void> connectAndSubscribe(String topicFilter, int qos, boolean noLocal);

  /** Publishes a message; completes when the broker has it (QoS 1) or when sent (QoS 0). */
  CompletableFuture<Void> publish(
      String topic, byte[] payload, int qos, boolean retain, @Nullable ByteBuffer correlationData);

  /** Stops the subscription; completes once the broker confirms it. */
  CompletableFuture<Void> unsubscribe(String topicFilter);

  /** Disconnects cleanly; a status topic gets its offline message from the caller first. */
  CompletableFuture<Void> disconnect();

  /** Where the connection stands now. */
  ConnectionState state();

  /** Registers the handler for every received message; call before connecting. */
  void onMessage(Consumer<IncomingMessage> handler);

  /** Registers a handler for each change of connection state. */
  void onStateChange(Consumer<ConnectionState> handler);
}
