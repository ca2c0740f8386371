package dev.taskwire.mqtt.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A broker connection over MQTT 3.1.1. It has no user properties, response topics or receive
 * maximum: the broker's own in-flight limit is all the flow control there is.
 */
public final class Mqtt3BrokerConnection extends AbstractBrokerConnection {

  private final Mqtt3AsyncClient client;

  public Mqtt3BrokerConnection(BrokerSettings settings, Executor callbackExecutor) {
    super(settings, callbackExecutor);
    Mqtt3ClientBuilder builder = clientBuilder().useMqttVersion3();
    if (settings.username() != null) {
      builder =
          builder
              .simpleAuth()
              .username(settings.username())
              .password(settings.password() == null ? new byte[0] : settings.password())
              .applySimpleAuth();
    }
    if (settings.statusTopic() != null) {
      builder =
          builder
              .willPublish()
              .topic(settings.statusTopic())
              .payload(BrokerSettings.OFFLINE.getBytes(UTF_8))
              .qos(MqttQos.AT_LEAST_ONCE)
              .retain(true)
              .applyWillPublish();
    }
    this.client = builder.buildAsync();
  }

  @Override
  protected CompletableFuture<?> connect() {
    client.publishes(MqttGlobalPublishFilter.ALL, this::received, callbackExecutor(), true);
    return client.connectWith().cleanSession(settings().cleanStart()).send();
  }

  @Override
  protected CompletableFuture<?> subscribe(String topicFilter, int qos, boolean noLocal) {
    return client.subscribeWith().topicFilter(topicFilter).qos(qos(qos)).send();
  }

  @Override
  public CompletableFuture<Void> publish(
      String topic, byte[] payload, int qos, boolean retain, @Nullable ByteBuffer correlationData) {
    return client
        .publishWith()
        .topic(topic)
        .payload(payload)
        .qos(qos(qos))
        .retain(retain)
        .send()
        .thenApply(result -> null);
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String topicFilter) {
    return client.unsubscribeWith().topicFilter(topicFilter).send().thenApply(ack -> null);
  }

  @Override
  protected CompletableFuture<Void> sendDisconnect() {
    return client.disconnect();
  }

  private void received(Mqtt3Publish publish) {
    deliver(
        new IncomingMessage(
            publish.getTopic().toString(),
            publish.getPayload().orElse(EMPTY).asReadOnlyBuffer(),
            publish.getQos().getCode(),
            publish.isRetain(),
            List.of(),
            null,
            null,
            publish::acknowledge));
  }
}
