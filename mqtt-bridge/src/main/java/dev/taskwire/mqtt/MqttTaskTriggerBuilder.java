package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.datatypes.MqttSharedTopicFilter;
import com.hivemq.client.mqtt.datatypes.MqttTopicFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import dev.taskwire.core.FilterChain;
import dev.taskwire.core.PayloadParser;
import dev.taskwire.core.TaskStarter;
import dev.taskwire.core.tls.TlsContexts;
import dev.taskwire.mqtt.internal.BrokerSettings;
import dev.taskwire.mqtt.internal.TopicRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** Builds a {@link MqttTaskTrigger}; every setting but the topics and the starter has a default. */
public final class MqttTaskTriggerBuilder {

  /** Default broker port: {@value}. */
  public static final int DEFAULT_PORT = 1883;

  /** Default limit on starts running at once: {@value}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 16;

  /** Default limit on parsed requests waiting for a start slot: {@value}. */
  public static final int DEFAULT_MAX_QUEUED = 1024;

  /** Default MQTT 5 receive maximum: {@value}, the protocol's own default, so no restriction. */
  public static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

  /** Default time the broker keeps the session after a disconnect: one hour. */
  public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);

  /** Default time {@link MqttTaskTrigger#close()} waits for starts in flight: ten seconds. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** Default window in which a repeated message counts as a duplicate: ten seconds. */
  public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofSeconds(10);

  private String host = "localhost";
  private int port = DEFAULT_PORT;
  private MqttVersion version = MqttVersion.V5;
  private @Nullable String clientId;
  private @Nullable BrokerTls tls;
  private @Nullable String username;
  private byte @Nullable [] password;
  private boolean cleanStart;
  private Duration sessionExpiry = DEFAULT_SESSION_EXPIRY;
  private @Nullable String rootTopicFilter;
  private @Nullable String taskStartTopic;
  private @Nullable TaskStarter taskStarter;
  private FilterChain filters = FilterChain.empty();
  private boolean idFromTopic;
  private final List<TaskStartRoute> extraRoutes = new ArrayList<>();
  private int qos = 1;
  private @Nullable String resultTopic;
  private @Nullable String statusTopic;
  private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
  private int maxQueued = DEFAULT_MAX_QUEUED;
  private int receiveMaximum = DEFAULT_RECEIVE_MAXIMUM;
  private int maxPayloadBytes = PayloadParser.DEFAULT_MAX_PAYLOAD_BYTES;
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
  private Duration duplicateWindow = DEFAULT_DUPLICATE_WINDOW;
  private TriggerMetrics metrics = TriggerMetrics.NONE;
  private UnaryOperator<Mqtt5ClientBuilder> mqtt5Customizer = UnaryOperator.identity();
  private Duration reconnectInitialDelay = Duration.ofSeconds(1);
  private Duration reconnectMaxDelay = Duration.ofSeconds(30);
  private final List<TriggerListener> listeners = new ArrayList<>();
  private final List<Consumer<ConnectionState>> connectionListeners = new ArrayList<>();

  MqttTaskTriggerBuilder() {}

  /** The broker's host and port. Defaults to {@code localhost:1883}. */
  public MqttTaskTriggerBuilder broker(String host, int port) {
    this.host = Objects.requireNonNull(host, "host == null");
    this.port = port;
    return this;
  }

  /** The MQTT version. Defaults to {@link MqttVersion#V5}. */
  public MqttTaskTriggerBuilder mqttVersion(MqttVersion version) {
    this.version = Objects.requireNonNull(version, "version == null");
    return this;
  }

  /**
   * The MQTT client ID. Defaults to {@code taskwire-} and random digits. Set a fixed one for the
   * broker to keep the session, and so the messages published while the trigger is stopped.
   */
  public MqttTaskTriggerBuilder clientId(String clientId) {
    this.clientId = Objects.requireNonNull(clientId, "clientId == null");
    return this;
  }

  /** Connects over TLS. Defaults to plain TCP; set a port such as 8883 to match. */
  public MqttTaskTriggerBuilder tls(BrokerTls tls) {
    this.tls = Objects.requireNonNull(tls, "tls == null");
    return this;
  }

  /** User name and password for the broker. The password is never logged. */
  public MqttTaskTriggerBuilder credentials(String username, String password) {
    this.username = Objects.requireNonNull(username, "username == null");
    this.password = Objects.requireNonNull(password, "password == null").getBytes(UTF_8);
    return this;
  }

  /**
   * Whether to discard the broker's session for this client ID on connect. Defaults to false, so
   * that unacknowledged and queued messages survive a restart. Applies only with a fixed {@link
   * #clientId}: without one, the session is always clean and ends at disconnect.
   */
  public MqttTaskTriggerBuilder cleanStart(boolean cleanStart) {
    this.cleanStart = cleanStart;
    return this;
  }

  /** How long the broker keeps the session after a disconnect (MQTT 5). Defaults to one hour. */
  public MqttTaskTriggerBuilder sessionExpiry(Duration sessionExpiry) {
    this.sessionExpiry = Objects.requireNonNull(sessionExpiry, "sessionExpiry == null");
    return this;
  }

  /**
   * The one subscription, such as {@code qliksense/#}; every task-start topic must lie under it. A
   * shared subscription {@code $share/<group>/<filter>} spreads messages over the group's members.
   */
  public MqttTaskTriggerBuilder rootTopicFilter(String rootTopicFilter) {
    this.rootTopicFilter = Objects.requireNonNull(rootTopicFilter, "rootTopicFilter == null");
    return this;
  }

  /** The task-start topic served by {@link #taskStarter} and {@link #filters}. */
  public MqttTaskTriggerBuilder taskStartTopic(String taskStartTopic) {
    this.taskStartTopic = Objects.requireNonNull(taskStartTopic, "taskStartTopic == null");
    return this;
  }

  /** Starts the tasks named on the task-start topic. */
  public MqttTaskTriggerBuilder taskStarter(TaskStarter taskStarter) {
    this.taskStarter = Objects.requireNonNull(taskStarter, "taskStarter == null");
    return this;
  }

  /** Filters for the task-start topic. Defaults to none. */
  public MqttTaskTriggerBuilder filters(FilterChain filters) {
    this.filters = Objects.requireNonNull(filters, "filters == null");
    return this;
  }

  /** Takes the task ID from the task-start topic's last level instead of the payload. */
  public MqttTaskTriggerBuilder idFromTopic(boolean idFromTopic) {
    this.idFromTopic = idFromTopic;
    return this;
  }

  /** Adds another task-start topic with its own starter and filters, checked after the first. */
  public MqttTaskTriggerBuilder route(TaskStartRoute route) {
    extraRoutes.add(Objects.requireNonNull(route, "route == null"));
    return this;
  }

  /** The QoS of the subscription: 0, 1 or 2. Defaults to 1. */
  public MqttTaskTriggerBuilder qos(int qos) {
    this.qos = qos;
    return this;
  }

  /** Publishes each trigger's outcome as JSON on this topic. Defaults to none. */
  public MqttTaskTriggerBuilder resultTopic(String resultTopic) {
    this.resultTopic = Objects.requireNonNull(resultTopic, "resultTopic == null");
    return this;
  }

  /**
   * A retained status topic: {@code {"status":"online"}} while running, {@code
   * {"status":"offline"}} after a stop, and the same as last will after a crash. Defaults to none.
   */
  public MqttTaskTriggerBuilder statusTopic(String statusTopic) {
    this.statusTopic = Objects.requireNonNull(statusTopic, "statusTopic == null");
    return this;
  }

  /** Limits on starts running at once and on requests waiting for a slot. */
  public MqttTaskTriggerBuilder limits(int maxInFlight, int maxQueued) {
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
    return this;
  }

  /**
   * The MQTT 5 receive maximum: how many unacknowledged QoS 1 and 2 messages the broker may send at
   * once. A broker that honours it holds the rest back, which bounds the trigger's queue. Defaults
   * to 65,535 (no restriction), because some brokers do not honour it: Mosquitto 2.0 sends more
   * than the announced number, and the MQTT client then drops the connection as a protocol
   * violation, again after every reconnect. Set it only for a broker known to honour it (HiveMQ,
   * EMQX), to about {@code maxInFlight + maxQueued}.
   */
  public MqttTaskTriggerBuilder receiveMaximum(int receiveMaximum) {
    this.receiveMaximum = receiveMaximum;
    return this;
  }

  /** Payloads larger than this are rejected unread. Defaults to 64 KiB. */
  public MqttTaskTriggerBuilder maxPayloadBytes(int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
    return this;
  }

  /** How retryable start failures are retried. Defaults to {@link RetryPolicy#DEFAULT}. */
  public MqttTaskTriggerBuilder retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    return this;
  }

  /** How long {@link MqttTaskTrigger#close()} waits for starts in flight. Defaults to 10 s. */
  public MqttTaskTriggerBuilder shutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout == null");
    return this;
  }

  /**
   * A message with the same topic and payload as one received within this window is ignored as a
   * duplicate: this is what keeps a message redelivered after a reconnect from starting its tasks
   * twice. {@link Duration#ZERO} turns it off. Defaults to ten seconds.
   */
  public MqttTaskTriggerBuilder duplicateWindow(Duration duplicateWindow) {
    Objects.requireNonNull(duplicateWindow, "duplicateWindow == null");
    if (duplicateWindow.isNegative()) {
      throw new IllegalArgumentException(
          "Duplicate window must not be negative (trigger.duplicateWindow)");
    }
    this.duplicateWindow = duplicateWindow;
    return this;
  }

  /** Reconnect backoff, from {@code initial} doubling up to {@code max}. Defaults to 1 s, 30 s. */
  public MqttTaskTriggerBuilder reconnectDelay(Duration initial, Duration max) {
    this.reconnectInitialDelay = Objects.requireNonNull(initial, "initial == null");
    this.reconnectMaxDelay = Objects.requireNonNull(max, "max == null");
    return this;
  }

  /**
   * Gives access to the HiveMQ MQTT 5 client builder just before the client is built, for what
   * taskwire does not configure itself: MQTT 5 enhanced authentication ({@code
   * builder.enhancedAuth(mechanism)}), a proxy, a WebSocket transport. Taskwire's own settings are
   * already applied; the function returns the builder to use. MQTT 5 only.
   *
   * <pre>{@code
   * .mqtt5Customizer(builder -> builder.enhancedAuth(new MyKerberosMechanism()))
   * }</pre>
   */
  public MqttTaskTriggerBuilder mqtt5Customizer(UnaryOperator<Mqtt5ClientBuilder> customizer) {
    this.mqtt5Customizer = Objects.requireNonNull(customizer, "customizer == null");
    return this;
  }

  /** Where counts and timings go; defaults to {@link TriggerMetrics#NONE}. */
  public MqttTaskTriggerBuilder metrics(TriggerMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    return this;
  }

  /** Adds a listener for each trigger's final outcome. */
  public MqttTaskTriggerBuilder listener(TriggerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
    return this;
  }

  /** Adds a listener for each change of the broker connection's state. */
  public MqttTaskTriggerBuilder connectionListener(Consumer<ConnectionState> listener) {
    connectionListeners.add(Objects.requireNonNull(listener, "listener == null"));
    return this;
  }

  /**
   * Checks the settings and builds the trigger; nothing connects until {@link
   * MqttTaskTrigger#start()}.
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public MqttTaskTrigger build() {
    if (rootTopicFilter == null) {
      throw new IllegalArgumentException("A root topic filter is required (mqtt.rootTopic)");
    }
    MqttTopicFilter root = TopicRules.filter(rootTopicFilter, "mqtt.rootTopic");
    MqttTopicFilter matchable =
        root.isShared() ? ((MqttSharedTopicFilter) root).getTopicFilter() : root;

    List<TaskStartRoute> routes = new ArrayList<>();
    if (taskStartTopic != null || taskStarter != null) {
      if (taskStartTopic == null) {
        throw new IllegalArgumentException("A task-start topic is required (mqtt.taskStartTopic)");
      }
      if (taskStarter == null) {
        throw new IllegalArgumentException(
            "A task starter is required for '" + taskStartTopic + "'");
      }
      routes.add(new TaskStartRoute(taskStartTopic, taskStarter, filters, idFromTopic));
    }
    routes.addAll(extraRoutes);
    if (routes.isEmpty()) {
      throw new IllegalArgumentException(
          "At least one task-start topic is required (mqtt.taskStartTopic)");
    }
    for (TaskStartRoute route : routes) {
      TopicRules.requireUnder(matchable, route.topicFilter(), "mqtt.taskStartTopic");
    }
    if (resultTopic != null) {
      TopicRules.topic(resultTopic, "mqtt.resultTopic");
      refuseReportsOnTaskStartTopics(routes, resultTopic, "mqtt.resultTopic");
    }
    if (statusTopic != null) {
      TopicRules.topic(statusTopic, "mqtt.statusTopic");
      refuseReportsOnTaskStartTopics(routes, statusTopic, "mqtt.statusTopic");
    }

    requireRange(port, 1, 65535, "Broker port", "mqtt.port");
    requireRange(qos, 0, 2, "QoS", "mqtt.qos");
    requireRange(maxInFlight, 1, 10_000, "Starts in flight", "trigger.maxInFlight");
    requireRange(maxQueued, 0, 1_000_000, "Queued requests", "trigger.maxQueued");
    requireRange(maxPayloadBytes, 1, 256 * 1024 * 1024, "Payload limit", "trigger.maxPayloadBytes");

    // Without a fixed client ID no later session can resume this one, so the broker is asked to
    // drop it at disconnect rather than keep queueing messages for a client that never returns.
    boolean persistent = clientId != null;
    String id =
        persistent
            ? clientId
            : "taskwire-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    boolean localEchoes =
        echoesUnder(matchable, resultTopic) || echoesUnder(matchable, statusTopic);
    boolean noLocal = localEchoes && version == MqttVersion.V5 && !root.isShared();
    if (localEchoes && !noLocal) {
      LoggerFactory.getLogger(MqttTaskTrigger.class)
          .warn(
              "The result or status topic lies under the subscription '{}', so the trigger receives"
                  + " its own reports; with MQTT 5 and no shared subscription it asks the broker not"
                  + " to send them (No Local). Move them outside the subscription to save the traffic",
              rootTopicFilter);
    }
    requireRange(receiveMaximum, 1, 65_535, "Receive maximum", "mqtt.receiveMaximum");
    BrokerSettings broker =
        new BrokerSettings(
            host,
            port,
            id,
            persistent ? cleanStart : true,
            persistent ? sessionExpiry : Duration.ZERO,
            receiveMaximum,
            username,
            password,
            statusTopic,
            reconnectInitialDelay,
            reconnectMaxDelay,
            tls == null ? null : tlsSettings(tls));
    return new MqttTaskTrigger(
        new Settings(
            broker,
            noLocal,
            version,
            rootTopicFilter,
            List.copyOf(routes),
            qos,
            resultTopic,
            maxInFlight,
            maxQueued,
            maxPayloadBytes,
            retryPolicy,
            shutdownTimeout,
            duplicateWindow,
            metrics,
            mqtt5Customizer,
            List.copyOf(listeners),
            List.copyOf(connectionListeners)));
  }

  /**
   * A report published where a task-start topic matches would come back as a trigger, be rejected,
   * and be reported again, without end; other instances would feed each other the same way.
   */
  private static void refuseReportsOnTaskStartTopics(
      List<TaskStartRoute> routes, String topic, String setting) {
    for (TaskStartRoute route : routes) {
      if (TopicRules.matches(
          TopicRules.filter(route.topicFilter(), "mqtt.taskStartTopic"), topic)) {
        throw new IllegalArgumentException(
            "Topic '"
                + topic
                + "' ("
                + setting
                + ") is a task-start topic ('"
                + route.topicFilter()
                + "'): every report on it would come back as a trigger and be reported again,"
                + " without end. Publish reports outside the task-start topics");
      }
    }
  }

  private static boolean echoesUnder(MqttTopicFilter root, @Nullable String topic) {
    return topic != null && TopicRules.matches(root, topic);
  }

  private static BrokerSettings.TlsSettings tlsSettings(BrokerTls tls) {
    TrustManagerFactory trust =
        tls.caFile() == null ? null : TlsContexts.trustOnly(tls.caFile(), "mqtt.tls.caFile");
    KeyManagerFactory keys = null;
    if (tls.clientCert() != null && tls.clientKey() != null) {
      keys =
          TlsContexts.pemClient(
              tls.clientCert(),
              tls.clientKey(),
              tls.keyPassphrase(),
              "mqtt.tls.clientCert",
              "mqtt.tls.clientKey");
    }
    if (!tls.hostnameVerification()) {
      LoggerFactory.getLogger(MqttTaskTrigger.class)
          .warn("Broker host name verification is off (mqtt.tls.hostnameVerification: false)");
    }
    return new BrokerSettings.TlsSettings(trust, keys, tls.hostnameVerification());
  }

  private static void requireRange(int value, int min, int max, String what, String setting) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " " + value + " is out of range " + min + " to " + max + " (" + setting + ")");
    }
  }

  /** The checked settings a trigger runs with. */
  record Settings(
      BrokerSettings broker,
      boolean noLocal,
      MqttVersion version,
      String rootTopicFilter,
      List<TaskStartRoute> routes,
      int qos,
      @Nullable String resultTopic,
      int maxInFlight,
      int maxQueued,
      int maxPayloadBytes,
      RetryPolicy retryPolicy,
      Duration shutdownTimeout,
      Duration duplicateWindow,
      TriggerMetrics metrics,
      UnaryOperator<Mqtt5ClientBuilder> mqtt5Customizer,
      List<TriggerListener> listeners,
      List<Consumer<ConnectionState>> connectionListeners) {}
}
