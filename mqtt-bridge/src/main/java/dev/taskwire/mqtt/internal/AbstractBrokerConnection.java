package dev.taskwire.mqtt.internal;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import dev.taskwire.mqtt.ConnectionState;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the MQTT 3.1.1 and MQTT 5 connections share: state tracking and message hand-off. */
abstract class AbstractBrokerConnection implements BrokerConnection {

  private static final Logger log = LoggerFactory.getLogger(AbstractBrokerConnection.class);

  static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final BrokerSettings settings;
  private final Executor callbackExecutor;
  private final AtomicReference<ConnectionState> state =
      new AtomicReference<>(ConnectionState.DISCONNECTED);
  private final CopyOnWriteArrayList<Consumer<ConnectionState>> stateHandlers =
      new CopyOnWriteArrayList<>();
  private volatile Consumer<IncomingMessage> messageHandler = message -> {};
  private volatile boolean closing;

  AbstractBrokerConnection(BrokerSettings settings, Executor callbackExecutor) {
    this.settings = settings;
    this.callbackExecutor = callbackExecutor;
  }

  /** A client builder with what both protocol versions share: address, reconnects, TLS. */
  MqttClientBuilder clientBuilder() {
    MqttClientBuilder builder =
        MqttClient.builder()
            .identifier(settings.clientId())
            .serverHost(settings.host())
            .serverPort(settings.port())
            .automaticReconnect()
            .initialDelay(settings.reconnectInitialDelay().toMillis(), TimeUnit.MILLISECONDS)
            .maxDelay(settings.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
            .applyAutomaticReconnect()
            .addConnectedListener(context -> connected())
            .addDisconnectedListener(this::disconnected);
    if (settings.tls() != null) {
      builder = builder.sslConfig(TlsConfig.of(settings.tls()));
    }
    return builder;
  }

  BrokerSettings settings() {
    return settings;
  }

  Executor callbackExecutor() {
    return callbackExecutor;
  }

  /** Sends CONNECT; completes on CONNACK. */
  protected abstract CompletableFuture<?> connect();

  /** Sends SUBSCRIBE; completes on SUBACK. */
  protected abstract CompletableFuture<?> subscribe(String topicFilter, int qos, boolean noLocal);

  /** Sends DISCONNECT. */
  protected abstract CompletableFuture<Void> sendDisconnect();

  @Override
  public CompletableFuture<Void> connectAndSubscribe(String topicFilter, int qos, boolean noLocal) {
    changeState(ConnectionState.CONNECTING);
    return connect()
        .thenCompose(connack -> subscribe(topicFilter, qos, noLocal))
        .thenRun(() -> changeState(ConnectionState.CONNECTED))
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                changeState(ConnectionState.DISCONNECTED);
              }
            });
  }

  @Override
  public CompletableFuture<Void> disconnect() {
    closing = true;
    if (state.get() == ConnectionState.DISCONNECTED) {
      return CompletableFuture.completedFuture(null);
    }
    return sendDisconnect()
        .handle(
            (ok, failure) -> {
              changeState(ConnectionState.DISCONNECTED);
              return null;
            });
  }

  @Override
  public ConnectionState state() {
    return state.get();
  }

  @Override
  public void onMessage(Consumer<IncomingMessage> handler) {
    this.messageHandler = handler;
  }

  @Override
  public void onStateChange(Consumer<ConnectionState> handler) {
    stateHandlers.add(handler);
  }

  void deliver(IncomingMessage message) {
    messageHandler.accept(message);
  }

  void connected() {
    // The first connection becomes CONNECTED only once subscribed; a reconnect resumes the
    // session (or resubscribes, which the client does by itself when the session expired).
    if (state.get() == ConnectionState.RECONNECTING) {
      log.info("Reconnected to MQTT broker {}:{}", settings.host(), settings.port());
      changeState(ConnectionState.CONNECTED);
    }
  }

  void disconnected(MqttClientDisconnectedContext context) {
    if (closing || context.getSource() == MqttDisconnectSource.USER) {
      context.getReconnector().reconnect(false);
      changeState(ConnectionState.DISCONNECTED);
      return;
    }
    ConnectionState previous = state.get();
    if (previous == ConnectionState.CONNECTING) {
      // A broker that cannot be reached at start is a configuration error: fail start() with the
      // cause instead of retrying forever in the background.
      context.getReconnector().reconnect(false);
      return;
    }
    if (previous == ConnectionState.CONNECTED) {
      log.warn(
          "Lost the connection to MQTT broker {}:{}; reconnecting: {}",
          settings.host(),
          settings.port(),
          context.getCause().toString());
    }
    changeState(ConnectionState.RECONNECTING);
  }

  private void changeState(ConnectionState next) {
    ConnectionState previous = state.getAndSet(next);
    if (previous != next) {
      log.debug("MQTT connection {} -> {}", previous, next);
      for (Consumer<ConnectionState> handler : stateHandlers) {
        try {
          handler.accept(next);
        } catch (RuntimeException e) {
          log.error("A connection state listener failed", e);
        }
      }
    }
  }

  static MqttQos qos(int code) {
    return MqttQos.fromCode(code);
  }
}
