package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three triggers in one MQTT 5 shared subscription on the real Mosquitto split the stream. */
class SharedSubscriptionTest {

  private static final int TRIGGERS = 1000;

  private final String root = TestBroker.uniqueRoot();
  private final String group = "taskwire-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<MqttTaskTrigger> instances = new ArrayList<>();
  private final List<RecordingStarter> starters = new ArrayList<>();
  private Mqtt5AsyncClient publisher;

  @AfterEach
  void stop() {
    instances.forEach(MqttTaskTrigger::close);
    if (publisher != null) {
      publisher.disconnect().join();
    }
  }

  @Test
  void everyTriggerStartsExactlyOnceAcrossTheGroupEvenWhenOneInstanceLeaves() {
    for (int i = 0; i < 3; i++) {
      RecordingStarter starter = new RecordingStarter();
      MqttTaskTrigger instance =
          MqttTaskTrigger.builder()
              .broker(TestBroker.HOST, TestBroker.PORT)
              .clientId(group + "-" + i)
              .cleanStart(true)
              .sessionExpiry(Duration.ZERO)
              .rootTopicFilter("$share/" + group + "/" + root + "/#")
              .taskStartTopic(root + "/start_task")
              .taskStarter(starter)
              .build();
      instance.startAndWait(Duration.ofSeconds(10));
      instances.add(instance);
      starters.add(starter);
    }
    publisher =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("shared-publisher-" + UUID.randomUUID())
            .serverHost(TestBroker.HOST)
            .serverPort(TestBroker.PORT)
            .buildAsync();
    publisher.connect().join();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TRIGGERS; i++) {
      ids.add(UUID.randomUUID().toString());
    }

    publishAll(ids.subList(0, TRIGGERS / 2));
    await().atMost(Duration.ofSeconds(30)).until(() -> startedInAll().size() >= TRIGGERS / 4);
    instances.get(1).close();
    publishAll(ids.subList(TRIGGERS / 2, TRIGGERS));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> new HashSet<>(startedInAll()).size() == TRIGGERS);
    List<String> started = startedInAll();
    assertThat(started).hasSize(TRIGGERS);
    assertThat(new HashSet<>(started)).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(starters).allSatisfy(starter -> assertThat(starter.requests).isNotEmpty());
  }

  private void publishAll(List<String> ids) {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (String id : ids) {
      sent.add(
          publisher
              .publishWith()
              .topic(root + "/start_task")
              .payload(id.getBytes(UTF_8))
              .qos(MqttQos.AT_LEAST_ONCE)
              .send());
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
  }

  private List<String> startedInAll() {
    List<String> all = new ArrayList<>();
    starters.forEach(starter -> all.addAll(starter.startedIds()));
    return all;
  }
}
