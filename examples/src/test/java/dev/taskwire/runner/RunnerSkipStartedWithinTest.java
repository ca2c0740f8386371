package dev.taskwire.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrs.skipStartedWithin} in a taskwire file: a second trigger for a task that is running is
 * reported as not started on the result topic, and QRS gets one start call. (The window itself is
 * tested in qrs-client.)
 */
class RunnerSkipStartedWithinTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final String root = "taskwire-runner-test/" + UUID.randomUUID();
  private QrsEmulator emulator;
  private RunnerConfig config;
  private Mqtt5BlockingClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.disconnect();
    }
    if (config != null) {
      config.close();
    }
    emulator.close();
  }

  @Test
  void reportsASecondTriggerWithinTheWindowAsNotStartedAndStartsOnce() throws Exception {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory.resolve("certs"))
            .task(EmulatedTask.reload(T, "Reload sales").execution(Duration.ofMinutes(1), 2, 7))
            .start();
    Path file = directory.resolve("taskwire.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "taskwire:",
            "  mqtt:",
            "    host: 127.0.0.1",
            "    rootTopic: " + root + "/#",
            "    taskStartTopic: " + root + "/start_task",
            "    resultTopic: " + root + "-results",
            "    cleanStart: true",
            "  qrs:",
            "    host: localhost",
            "    port: " + emulator.port(),
            "    clientCert: certs/client.pem",
            "    clientKey: certs/client_key.pem",
            "    rootCa: certs/root.pem",
            "    skipStartedWithin: 10m",
            "    settleUnansweredWithin: 30s",
            "  trigger:",
            "    duplicateWindow: 0s",
            "  filters:",
            "    discover: false",
            ""));
    config = RunnerConfig.load(file, name -> null, getClass().getClassLoader());
    config.trigger.startAndWait(Duration.ofSeconds(10));
    client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("runner-test-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(1883)
            .buildBlocking();
    client.connect();
    try (Mqtt5BlockingClient.Mqtt5Publishes results =
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
      client.subscribeWith().topicFilter(root + "-results").qos(MqttQos.AT_LEAST_ONCE).send();

      publish(T);
      JsonNode first = next(results);
      publish(T);
      JsonNode second = next(results);

      assertThat(first.get("outcome").asText()).isEqualTo("started");
      assertThat(second.get("outcome").asText()).isEqualTo("not-started");
      // The first execution runs for minutes, so the second trigger always finds it running.
      assertThat(second.get("tasks").get(0).get("message").asText())
          .startsWith("Not started: the task is already running");
    }
    assertThat(emulator.requests())
        .filteredOn(r -> r.method().equals("POST"))
        .singleElement()
        .satisfies(r -> assertThat(r.path()).isEqualTo("/qrs/task/" + T + "/start/synchronous"));
  }

  private void publish(String payload) {
    client
        .publishWith()
        .topic(root + "/start_task")
        .payload(payload.getBytes(UTF_8))
        .qos(MqttQos.AT_LEAST_ONCE)
        .send();
  }

  private static JsonNode next(Mqtt5BlockingClient.Mqtt5Publishes results) throws Exception {
    Mqtt5Publish message =
        results
            .receive(20, TimeUnit.SECONDS)
            .orElseThrow(() -> new AssertionError("No outcome on the result topic within 20 s"));
    return JSON.readTree(new String(message.getPayloadAsBytes(), UTF_8));
  }
}
