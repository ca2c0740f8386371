package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutcomeReportingTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root = TestBroker.uniqueRoot();
  private final RecordingStarter starter = new RecordingStarter();
  private final Mqtt5BlockingClient client = TestBroker.publisher();
  private final java.util.List<Mqtt5BlockingClient> subscribers = new java.util.ArrayList<>();
  private MqttTaskTrigger trigger;

  @AfterEach
  void tearDown() {
    if (trigger != null) {
      trigger.close();
    }
    client.disconnect();
    subscribers.forEach(Mqtt5BlockingClient::disconnect);
  }

  @Test
  void publishesEachOutcomeOnTheResultTopic() throws Exception {
    try (Mqtt5BlockingClient.Mqtt5Publishes results = subscribe(root + "/result")) {
      trigger = TestBroker.trigger(root).taskStarter(starter).resultTopic(root + "/result").build();
      trigger.startAndWait(Duration.ofSeconds(10));

      TestBroker.publish(client, root + "/start_task", T.getBytes(UTF_8));
      TestBroker.publish(client, root + "/start_task", "abc".getBytes(UTF_8));

      JsonNode started = JSON.readTree(next(results).getPayloadAsBytes());
      JsonNode rejected = JSON.readTree(next(results).getPayloadAsBytes());
      assertThat(started.get("outcome").asText()).isEqualTo("started");
      assertThat(started.get("tasks").get(0).get("task").asText()).isEqualTo(T);
      assertThat(started.get("tasks").get(0).get("result").asText()).isEqualTo("started");
      assertThat(rejected.get("outcome").asText()).isEqualTo("rejected");
      assertThat(rejected.get("reason").asText()).isEqualTo("invalid-task-id");
      assertThat(rejected.get("message").asText())
          .isEqualTo("Payload 'abc' is not a task ID (expected a GUID)");
      // Each trigger has its own message ID, from the same process.
      String first = started.get("messageId").asText();
      String second = rejected.get("messageId").asText();
      assertThat(first).matches("[0-9a-f]{6}-[0-9]+");
      assertThat(second).isNotEqualTo(first);
      assertThat(second.substring(0, 7)).isEqualTo(first.substring(0, 7));
    }
  }

  @Test
  void answersOnTheMqtt5ResponseTopicWithTheCorrelationData() throws Exception {
    try (Mqtt5BlockingClient.Mqtt5Publishes responses = subscribe(root + "/reply/me")) {
      trigger = TestBroker.trigger(root).taskStarter(starter).build();
      trigger.startAndWait(Duration.ofSeconds(10));

      client
          .publishWith()
          .topic(root + "/start_task")
          .payload(T.getBytes(UTF_8))
          .qos(MqttQos.AT_LEAST_ONCE)
          .responseTopic(root + "/reply/me")
          .correlationData("request-42".getBytes(UTF_8))
          .send();

      Mqtt5Publish response = next(responses);
      assertThat(JSON.readTree(response.getPayloadAsBytes()).get("outcome").asText())
          .isEqualTo("started");
      Optional<ByteBuffer> correlation = response.getCorrelationData();
      assertThat(correlation).isPresent();
      assertThat(UTF_8.decode(correlation.get()).toString()).isEqualTo("request-42");
    }
  }

  @Test
  void keepsARetainedStatusWithLastWill() throws Exception {
    String status = root + "/status";
    trigger = TestBroker.trigger(root).taskStarter(starter).statusTopic(status).build();
    trigger.startAndWait(Duration.ofSeconds(10));

    try (Mqtt5BlockingClient.Mqtt5Publishes online = subscribe(status)) {
      Mqtt5Publish message = next(online);
      assertThat(message.isRetain()).isTrue();
      assertThat(new String(message.getPayloadAsBytes(), UTF_8))
          .isEqualTo("{\"status\":\"online\"}");
    }

    trigger.close();

    try (Mqtt5BlockingClient.Mqtt5Publishes offline = subscribe(status)) {
      assertThat(new String(next(offline).getPayloadAsBytes(), UTF_8))
          .isEqualTo("{\"status\":\"offline\"}");
    }
  }

  @Test
  void worksOverMqtt311() {
    OutcomeCollector outcomes = new OutcomeCollector();
    trigger =
        TestBroker.trigger(root)
            .mqttVersion(MqttVersion.V3_1_1)
            .taskStarter(starter)
            .listener(outcomes)
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(client, root + "/start_task", T.getBytes(UTF_8));

    assertThat(outcomes.await(1).get(0).code()).isEqualTo("started");
    assertThat(starter.startedIds()).containsExactly(T);
  }

  @Test
  void takesTheIdFromTheTopicWhenAsked() {
    OutcomeCollector outcomes = new OutcomeCollector();
    trigger =
        MqttTaskTrigger.builder()
            .broker(TestBroker.HOST, TestBroker.PORT)
            .cleanStart(true)
            .rootTopicFilter(root + "/#")
            .taskStartTopic(root + "/start/+")
            .idFromTopic(true)
            .taskStarter(starter)
            .listener(outcomes)
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(client, root + "/start/" + T.toUpperCase(), "go".getBytes(UTF_8));
    TestBroker.publish(client, root + "/start/not-an-id", "go".getBytes(UTF_8));
    TestBroker.publish(client, root + "/start/" + T, new byte[0]);

    assertThat(outcomes.await(3))
        .extracting(TriggerOutcome::code)
        .containsExactly("started", "rejected", "ignored");
    assertThat(starter.startedIds()).containsExactly(T);
  }

  @Test
  void servesSeveralTaskStartTopicsWithTheirOwnStarters() {
    RecordingStarter other = new RecordingStarter();
    OutcomeCollector outcomes = new OutcomeCollector();
    trigger =
        TestBroker.trigger(root)
            .taskStarter(starter)
            .route(
                new TaskStartRoute(
                    root + "/other_start", other, dev.taskwire.core.FilterChain.empty(), false))
            .listener(outcomes)
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(client, root + "/other_start", T.getBytes(UTF_8));

    outcomes.await(1);
    assertThat(other.startedIds()).containsExactly(T);
    assertThat(starter.requests).isEmpty();
  }

  private Mqtt5BlockingClient.Mqtt5Publishes subscribe(String topic) {
    Mqtt5BlockingClient subscriber =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("test-sub-" + UUID.randomUUID())
            .serverHost(TestBroker.HOST)
            .serverPort(TestBroker.PORT)
            .buildBlocking();
    subscriber.connect();
    subscribers.add(subscriber);
    Mqtt5BlockingClient.Mqtt5Publishes publishes =
        subscriber.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL);
    subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
    return publishes;
  }

  private static Mqtt5Publish next(Mqtt5BlockingClient.Mqtt5Publishes publishes)
      throws InterruptedException {
    return publishes
        .receive(10, TimeUnit.SECONDS)
        .orElseThrow(() -> new AssertionError("No message within 10 s"));
  }
}
