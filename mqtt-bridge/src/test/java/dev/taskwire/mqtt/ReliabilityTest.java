package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStarter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every trigger accounted for, through broker restarts, trigger restarts and back-pressure. */
class ReliabilityTest {

  @TempDir Path directory;

  private MosquittoProcess broker;
  private Mqtt5AsyncClient publisher;
  private final RecordingStarter starter = new RecordingStarter();
  private final List<MqttTaskTrigger> triggers = new ArrayList<>();

  @BeforeEach
  void startBroker() throws Exception {
    broker = MosquittoProcess.start(directory);
    publisher =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("reliability-publisher-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(broker.port())
            .automaticReconnect()
            .initialDelay(50, java.util.concurrent.TimeUnit.MILLISECONDS)
            .maxDelay(500, java.util.concurrent.TimeUnit.MILLISECONDS)
            .applyAutomaticReconnect()
            .buildAsync();
    publisher.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
  }

  @AfterEach
  void stopAll() throws Exception {
    triggers.forEach(MqttTaskTrigger::close);
    publisher.disconnect();
    broker.close();
  }

  @Test
  void startsEveryTriggerExactlyOnceAcrossABrokerRestart() throws Exception {
    MqttTaskTrigger trigger = startTrigger("restart-test", starter);
    List<String> ids = randomIds(200);

    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (i == ids.size() / 2) {
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        broker.stop();
        broker.restart();
      }
      sent.add(publish(ids.get(i)));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> new HashSet<>(starter.startedIds()).size() == ids.size());
    assertThat(starter.startedIds()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(trigger.connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void reportsOnlineAgainAfterTheBrokerRestarts() throws Exception {
    MqttTaskTrigger trigger =
        builder("status-test", starter).statusTopic("qliksense/status").build();
    triggers.add(trigger);
    trigger.startAndWait(Duration.ofSeconds(10));

    broker.stop();
    broker.restart();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> trigger.connectionState() == ConnectionState.CONNECTED);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(retained("qliksense/status")).isEqualTo("{\"status\":\"online\"}"));
  }

  private String retained(String topic) throws Exception {
    com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient reader =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("reader-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(broker.port())
            .buildBlocking();
    reader.connect();
    try (var publishes = reader.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
      reader.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      return publishes
          .receive(5, java.util.concurrent.TimeUnit.SECONDS)
          .map(p -> new String(p.getPayloadAsBytes(), UTF_8))
          .orElse("none");
    } finally {
      reader.disconnect();
    }
  }

  @Test
  void startsTriggersPublishedWhileItWasStoppedWhenItComesBack() throws Exception {
    List<String> ids = randomIds(60);
    MqttTaskTrigger first = startTrigger("persistent-session-test", starter);
    for (String id : ids.subList(0, 20)) {
      publish(id).join();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> starter.startedIds().size() == 20);

    first.close();
    for (String id : ids.subList(20, 60)) {
      publish(id).join();
    }
    startTrigger("persistent-session-test", starter);

    await().atMost(Duration.ofSeconds(30)).until(() -> starter.startedIds().size() >= 60);
    assertThat(starter.startedIds()).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void neverRunsMoreStartsThanTheLimitAndLosesNoneWhileBlocked() {
    SlowStarter slow = new SlowStarter();
    MqttTaskTrigger trigger =
        builder("back-pressure-test", slow).limits(4, 1024).duplicateWindow(Duration.ZERO).build();
    triggers.add(trigger);
    trigger.startAndWait(Duration.ofSeconds(10));
    List<String> ids = randomIds(500);

    ids.forEach(this::publish);
    await().atMost(Duration.ofSeconds(10)).until(() -> slow.pending.size() == 4);
    int queuedWhileBlocked = trigger.queued();
    int inFlightWhileBlocked = trigger.inFlight();
    slow.release();
    org.slf4j.LoggerFactory.getLogger(ReliabilityTest.class)
        .info("While blocked: {} in flight, {} queued", inFlightWhileBlocked, queuedWhileBlocked);

    await().atMost(Duration.ofSeconds(60)).until(() -> slow.started.size() == ids.size());
    assertThat(inFlightWhileBlocked).isEqualTo(4);
    assertThat(queuedWhileBlocked).isLessThanOrEqualTo(1024);
    assertThat(slow.maxInFlightSeen.get()).isEqualTo(4);
    assertThat(slow.started).containsExactlyInAnyOrderElementsOf(ids);
  }

  private MqttTaskTrigger startTrigger(String clientId, TaskStarter taskStarter) {
    MqttTaskTrigger trigger = builder(clientId, taskStarter).build();
    triggers.add(trigger);
    trigger.startAndWait(Duration.ofSeconds(10));
    return trigger;
  }

  private MqttTaskTriggerBuilder builder(String clientId, TaskStarter taskStarter) {
    return MqttTaskTrigger.builder()
        .broker("127.0.0.1", broker.port())
        .clientId(clientId)
        .cleanStart(false)
        .sessionExpiry(Duration.ofHours(1))
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500))
        .rootTopicFilter("qliksense/#")
        .taskStartTopic("qliksense/start_task")
        .taskStarter(taskStarter);
  }

  private CompletableFuture<?> publish(String id) {
    return publisher
        .publishWith()
        .topic("qliksense/start_task")
        .payload(id.getBytes(UTF_8))
        .qos(MqttQos.AT_LEAST_ONCE)
        .send();
  }

  private static List<String> randomIds(int count) {
    Set<String> ids = new HashSet<>();
    while (ids.size() < count) {
      ids.add(UUID.randomUUID().toString());
    }
    return List.copyOf(ids);
  }

  /** Holds every start until released, counting how many run at once. */
  private static final class SlowStarter implements TaskStarter {
    final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
    final List<String> started = new CopyOnWriteArrayList<>();
    final AtomicInteger maxInFlightSeen = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RecordingStarter delegate = new RecordingStarter();
    private boolean released;

    @Override
    public CompletableFuture<TaskStartReport> start(TaskStartRequest request) {
      maxInFlightSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<Void> gate = new CompletableFuture<>();
      synchronized (this) {
        if (released) {
          gate.complete(null);
        } else {
          pending.add(gate);
        }
      }
      return gate.thenCompose(ignored -> delegate.start(request))
          .thenApply(
              report -> {
                report.results().forEach(result -> started.add(result.task()));
                inFlight.decrementAndGet();
                return report;
              });
    }

    synchronized void release() {
      released = true;
      pending.forEach(gate -> gate.complete(null));
    }
  }
}
