package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.taskwire.core.PayloadParser;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.mqtt.internal.BrokerConnection;
import dev.taskwire.mqtt.internal.BrokerSettings;
import dev.taskwire.mqtt.internal.DispatchExecutor;
import dev.taskwire.mqtt.internal.HealthTracker;
import dev.taskwire.mqtt.internal.Mqtt3BrokerConnection;
import dev.taskwire.mqtt.internal.Mqtt5BrokerConnection;
import dev.taskwire.mqtt.internal.OutcomeReporter;
import dev.taskwire.mqtt.internal.RouteTable;
import dev.taskwire.mqtt.internal.TriggerPipeline;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to an MQTT broker and starts Qlik Sense tasks for the messages on its task-start
 * topics.
 *
 * <pre>{@code
 * MqttTaskTrigger trigger = MqttTaskTrigger.builder()
 *     .broker("localhost", 1883)
 *     .rootTopicFilter("qliksense/#")
 *     .taskStartTopic("qliksense/start_task")
 *     .taskStarter(starter)
 *     .build();
 * trigger.start().join();
 * }</pre>
 *
 * <p>Each message on a task-start topic is parsed, run through the route's filters, and started
 * with bounded concurrency; a start that fails in a retryable way is retried with backoff. Its
 * outcome is logged, passed to listeners and published on the result topic, and only then is the
 * message acknowledged to the broker, so that with QoS 1 or 2 a crash means redelivery rather than
 * loss. Closing waits for starts in flight up to the shutdown timeout.
 */
public final class MqttTaskTrigger implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttTaskTrigger.class);

  private final MqttTaskTriggerBuilder.Settings settings;
  private final BrokerConnection connection;
  private final TriggerPipeline pipeline;
  private final DispatchExecutor dispatcher;
  private final ScheduledExecutorService scheduler;
  private final HealthTracker health = new HealthTracker();
  private volatile boolean closed;
  private volatile boolean started;

  MqttTaskTrigger(MqttTaskTriggerBuilder.Settings settings) {
    this.settings = settings;
    this.dispatcher = new DispatchExecutor();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("taskwire-retry"));
    BrokerSettings broker = settings.broker();
    this.connection =
        settings.version() == MqttVersion.V5
            ? new Mqtt5BrokerConnection(broker, dispatcher, settings.mqtt5Customizer())
            : new Mqtt3BrokerConnection(broker, dispatcher);
    OutcomeReporter reporter =
        new OutcomeReporter(connection, settings.resultTopic(), 1, settings.listeners());
    this.pipeline =
        new TriggerPipeline(
            new RouteTable(settings.routes()),
            PayloadParser.withLimit(settings.maxPayloadBytes()),
            reporter,
            settings.retryPolicy(),
            scheduler,
            settings.maxInFlight(),
            settings.maxQueued(),
            settings.duplicateWindow(),
            settings.metrics(),
            health);
    connection.onMessage(pipeline::accept);
    settings.metrics().bind(pipeline::inFlight, pipeline::queued, connection::state);
    settings.connectionListeners().forEach(connection::onStateChange);
    connection.onStateChange(this::republishStatusAfterReconnect);
  }

  /** Returns a builder; see the class documentation for an example. */
  public static MqttTaskTriggerBuilder builder() {
    return new MqttTaskTriggerBuilder();
  }

  /**
   * Connects, subscribes, and publishes "online" on the status topic when one is set.
   *
   * @return a stage that completes once the trigger takes messages, or completes exceptionally with
   *     the reason it could not connect or subscribe
   */
  public CompletableFuture<Void> start() {
    if (closed) {
      throw new IllegalStateException("The trigger was closed; build a new one");
    }
    BrokerSettings broker = settings.broker();
    return connection
        .connectAndSubscribe(settings.rootTopicFilter(), settings.qos(), settings.noLocal())
        .thenCompose(v -> publishStatus(BrokerSettings.ONLINE))
        .thenRun(() -> started = true)
        .whenComplete(
            (ok, failure) -> {
              if (failure == null) {
                log.info(
                    "Taking task-start messages from {} on {}:{} (MQTT {}, client {})",
                    settings.rootTopicFilter(),
                    broker.host(),
                    broker.port(),
                    settings.version() == MqttVersion.V5 ? "5" : "3.1.1",
                    broker.clientId());
              }
            });
  }

  /**
   * Starts the trigger and waits until it takes messages.
   *
   * @throws TaskwireException naming the broker and the cause if it could not connect or subscribe
   *     within {@code timeout}
   */
  public void startAndWait(Duration timeout) {
    try {
      start().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskwireException("Interrupted while connecting to the MQTT broker", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      close();
      throw new TaskwireException(
          "Could not connect to the MQTT broker at "
              + settings.broker().host()
              + ":"
              + settings.broker().port()
              + " and subscribe to '"
              + settings.rootTopicFilter()
              + "': "
              + cause,
          cause);
    }
  }

  /** Where the broker connection stands now. */
  public ConnectionState connectionState() {
    return connection.state();
  }

  /** The trigger's health now: connection, QRS reachability, last success, load. */
  public TriggerHealth health() {
    return new TriggerHealth(
        connection.state(),
        health.qrsReachable(),
        health.lastStarted(),
        health.lastFailure(),
        pipeline.inFlight(),
        pipeline.queued());
  }

  /** How many starts are running now. */
  public int inFlight() {
    return pipeline.inFlight();
  }

  /** How many parsed requests wait for a free start slot. */
  public int queued() {
    return pipeline.queued();
  }

  /**
   * Stops taking work, waits up to the shutdown timeout for starts in flight, publishes "offline"
   * on the status topic, and disconnects. Messages whose outcome is not final by then are not
   * acknowledged, so the broker delivers them again to the next session with this client ID.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;

    // A member of a shared subscription unsubscribes first, so the broker sends the rest of the
    // stream to the other members, and finishes what it already received. Any other trigger stops
    // taking messages at once and leaves them to the broker for its next session.
    if (settings.rootTopicFilter().startsWith("$share/")
        && connection.state() == ConnectionState.CONNECTED) {
      try {
        connection.unsubscribe(settings.rootTopicFilter()).get(5, TimeUnit.SECONDS);
        // Messages received before the broker confirmed are queued on the dispatch thread.
        CompletableFuture.runAsync(() -> {}, dispatcher).get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Could not leave the shared subscription cleanly: {}", e.toString());
      }
    } else {
      pipeline.stopAccepting();
    }
    if (!pipeline.awaitIdle(settings.shutdownTimeout())) {
      log.warn(
          "Closing with {} starts in flight and {} queued; the broker will deliver them again",
          pipeline.inFlight(),
          pipeline.queued());
    }

    try {
      publishStatus(BrokerSettings.OFFLINE)
          .thenCompose(v -> connection.disconnect())
          .get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("Disconnecting from the MQTT broker did not complete cleanly", e);
    }
    scheduler.shutdownNow();
    dispatcher.shutdown();
    log.info("Stopped taking task-start messages from {}", settings.rootTopicFilter());
  }

  /** A broker that restarted may have kept the last will as the retained status: correct it. */
  private void republishStatusAfterReconnect(ConnectionState state) {
    if (state == ConnectionState.CONNECTED && started && !closed) {
      publishStatus(BrokerSettings.ONLINE)
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  log.debug("Could not publish the online status after reconnecting", failure);
                }
              });
    }
  }

  private CompletableFuture<Void> publishStatus(String status) {
    String topic = settings.broker().statusTopic();
    if (topic == null || connection.state() != ConnectionState.CONNECTED) {
      return CompletableFuture.completedFuture(null);
    }
    return connection.publish(topic, status.getBytes(UTF_8), 1, true, null);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
