package dev.taskwire.mqtt.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** A broker connection over MQTT 5, with manual acknowledgement and flow control. */
public final class Mqtt5BrokerConnection extends AbstractBrokerConnection {

  private final Mqtt5AsyncClient client;

  public Mqtt5BrokerConnection(
      BrokerSettings settings,
      Executor callbackExecutor,
      java.util.function.UnaryOperator<Mqtt5ClientBuilder> customizer) {
    super(settings, callbackExecutor);
    Mqtt5ClientBuilder builder = clientBuilder().useMqttVersion5();
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
    this.client = customizer.apply(builder).buildAsync();
  }

  @Override
  protected CompletableFuture<?> connect() {
    client.publishes(MqttGlobalPublishFilter.ALL, this::received, callbackExecutor(), true);
    BrokerSettings settings = settings();
    Mqtt5ConnectBuilder connect =
        Mqtt5Connect.builder()
            .cleanStart(settings.cleanStart())
            .sessionExpiryInterval(settings.sessionExpiry().toSeconds())
            .restrictions(
                Mqtt5ConnectRestrictions.builder()
                    .receiveMaximum(settings.receiveMaximum())
                    .build());
    if (settings.username() != null) {
      byte[] password = settings.password() == null ? new byte[0] : settings.password();
      connect.simpleAuth(
          Mqtt5SimpleAuth.builder().username(settings.username()).password(password).build());
    }
    return client.connect(connect.build());
  }

  @Override
  protected CompletableFuture<?> subscribe(String topicFilter, int qos, boolean noLocal) {
    return client.subscribeWith().topicFilter(topicFilter).qos(qos(qos)).noLocal(noLocal).send();
  }

  @Override
  public CompletableFuture<Void> publish(
      String topic, byte[] payload, int qos, boolean retain, @Nullable ByteBuffer correlationData) {
    Mqtt5PublishBuilder.Complete publish =
        Mqtt5Publish.builder().topic(topic).payload(payload).qos(qos(qos)).retain(retain);
    if (correlationData != null) {
      publish.correlationData(correlationData);
    }
    return client.publish(publish.build()).thenApply(result -> null);
  }

  @Override
  public CompletableFuture<Void> unsubscribe(String topicFilter) {
    return client.unsubscribeWith().topicFilter(topicFilter).send().thenApply(ack -> null);
  }

  @Override
  protected CompletableFuture<Void> sendDisconnect() {
    return client.disconnect();
  }

  private void received(Mqtt5Publish publish) {
    List<Map.Entry<String, String>> properties =
        publish.getUserProperties().asList().stream()
            .map(p -> Map.entry(p.getName().toString(), p.getValue().toString()))
            .toList();
    deliver(
        new IncomingMessage(
            publish.getTopic().toString(),
            publish.getPayload().orElse(EMPTY).asReadOnlyBuffer(),
            publish.getQos().getCode(),
            publish.isRetain(),
            properties,
            publish.getResponseTopic().map(Object::toString).orElse(null),
            publish.getCorrelationData().orElse(null),
            publish::acknowledge));
  }
}
