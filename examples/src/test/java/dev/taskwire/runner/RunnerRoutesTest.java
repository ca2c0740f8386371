package dev.taskwire.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several task-start topics in a taskwire file ({@code mqtt.routes}): the filters section guards
 * them all, and each route may add filters of its own.
 */
class RunnerRoutesTest {

  private static final String SALES = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String FINANCE = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final String root = "taskwire-routes-test/" + UUID.randomUUID();
  private final String resultTopic = root + "-result";
  private final Map<String, String> outcomes = new ConcurrentHashMap<>();
  private QrsEmulator emulator;
  private RunnerConfig config;
  private Mqtt5AsyncClient client;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory.resolve("certs"))
            .task(EmulatedTask.reload(SALES, "Reload sales"))
            .task(EmulatedTask.reload(FINANCE, "Reload finance"))
            .start();
    client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("routes-test-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(1883)
            .buildAsync();
    client.connect().join();
    client
        .subscribeWith()
        .topicFilter(resultTopic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .callback(publish -> record(publish.getPayloadAsBytes()))
        .send()
        .join();
  }

  @AfterEach
  void stop() {
    client.disconnect().join();
    if (config != null) {
      config.close();
    }
    emulator.close();
  }

  @Test
  void startsATaskOnlyOnTheRouteWhoseAllowListAcceptsIt() throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    host: 127.0.0.1",
            "    rootTopic: " + root + "/#",
            "    resultTopic: " + resultTopic,
            "    cleanStart: true",
            "    routes:",
            "      - topic: " + root + "/sales/start",
            "        filters:",
            "          allow: {taskId: [" + SALES + "]}",
            "      - topic: " + root + "/finance/start",
            "        filters:",
            "          allow: {taskId: [" + FINANCE + "]}",
            qrs(),
            "  filters: {discover: false}");
    config = RunnerConfig.load(file, name -> null, loader());
    config.trigger.startAndWait(Duration.ofSeconds(10));

    publish("sales/start", SALES);
    publish("sales/start", FINANCE);
    publish("finance/start", SALES);
    publish("finance/start", FINANCE);

    awaitOutcomes(4);
    assertThat(outcomes)
        .containsEntry("sales/start " + SALES, "started")
        .containsEntry("sales/start " + FINANCE, "rejected filter-rejected")
        .containsEntry("finance/start " + SALES, "rejected filter-rejected")
        .containsEntry("finance/start " + FINANCE, "started");
    assertThat(emulator.requests())
        .extracting(RecordedRequest::path)
        .containsExactlyInAnyOrder(
            "/qrs/task/" + SALES + "/start/synchronous",
            "/qrs/task/" + FINANCE + "/start/synchronous");
  }

  @Test
  void appliesTheFiltersSectionToTheTaskStartTopicAndToEveryRoute() throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    host: 127.0.0.1",
            "    rootTopic: " + root + "/#",
            "    taskStartTopic: " + root + "/start_task",
            "    resultTopic: " + resultTopic,
            "    cleanStart: true",
            "    routes:",
            "      - topic: " + root + "/start/+",
            "        idFromTopic: true",
            qrs(),
            "  filters:",
            "    discover: false",
            "    deny: {taskId: [" + FINANCE + "]}");
    config = RunnerConfig.load(file, name -> null, loader());
    config.trigger.startAndWait(Duration.ofSeconds(10));

    publish("start_task", FINANCE);
    publish("start/" + FINANCE, "start");
    publish("start/" + SALES, "start");

    awaitOutcomes(3);
    assertThat(outcomes)
        .containsEntry("start_task " + FINANCE, "rejected filter-rejected")
        .containsEntry("start/" + FINANCE + " " + FINANCE, "rejected filter-rejected")
        .containsEntry("start/" + SALES + " " + SALES, "started");
    assertThat(emulator.requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/qrs/task/" + SALES + "/start/synchronous");
  }

  @Test
  void refusesAnUnknownSettingInARouteNamingIt() throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    rootTopic: " + root + "/#",
            "    routes:",
            "      - topic: " + root + "/sales/start",
            "      - topic: " + root + "/finance/start",
            "        filter: {allow: {taskId: [" + FINANCE + "]}}",
            qrs());

    assertThat(run(file))
        .isEqualTo(
            "taskwire: Unknown setting mqtt.routes[1].filter; expected one of topic, idFromTopic,"
                + " filters");
  }

  @Test
  void refusesAnUnknownFilterInARouteNamingIt() throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    rootTopic: " + root + "/#",
            "    routes:",
            "      - topic: " + root + "/sales/start",
            "        filters: {allow: {taskIds: [" + SALES + "]}}",
            qrs());

    assertThat(run(file))
        .isEqualTo(
            "taskwire: Unknown setting mqtt.routes[0].filters.allow.taskIds; expected one of"
                + " taskId, tag, customProperty");
  }

  @Test
  void refusesARouteTopicOutsideTheRootTopicNamingTheSetting() throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    rootTopic: " + root + "/#",
            "    taskStartTopic: " + root + "/start_task",
            "    routes:",
            "      - topic: elsewhere/start",
            qrs());

    assertThat(run(file))
        .isEqualTo(
            "taskwire: Task-start topic 'elsewhere/start' is not matched by the subscription '"
                + root
                + "/#', so no message on it would arrive (mqtt.routes[0].topic)");
  }

  @Test
  void refusesARouteThatAnEarlierTopicAlreadyServes() throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    rootTopic: " + root + "/#",
            "    taskStartTopic: " + root + "/start/#",
            "    routes:",
            "      - topic: " + root + "/start/sales",
            qrs());

    assertThat(run(file))
        .isEqualTo(
            "taskwire: Task-start topic '"
                + root
                + "/start/sales' is already served by '"
                + root
                + "/start/#' (mqtt.taskStartTopic), which is checked first, so no message would"
                + " reach this route (mqtt.routes[0].topic)");
  }

  @Test
  void requiresATaskStartTopicOrARoute() throws IOException {
    Path file = write("taskwire:", "  mqtt:", "    rootTopic: " + root + "/#", qrs());

    assertThat(run(file))
        .isEqualTo(
            "taskwire: Setting mqtt.taskStartTopic is required unless mqtt.routes lists"
                + " task-start topics");
  }

  @Test
  void refusesDiscoveryInARouteSinceItAppliesToTheWholeFile() throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    rootTopic: " + root + "/#",
            "    routes: [{topic: " + root + "/sales/start, filters: {discover: false}}]",
            qrs());

    assertThat(run(file))
        .isEqualTo(
            "taskwire: Unknown setting mqtt.routes[0].filters.discover; expected one of allow,"
                + " deny, debounce, rateLimit, timeWindow, publisher");
  }

  /** Runs {@code run --config file} as the command line does; returns what it printed. */
  private static String run(Path file) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            List.of("run", "--config", file.toString()),
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
            new PrintStream(err, true, UTF_8));

    assertThat(status).isEqualTo(1);
    return err.toString(UTF_8).strip();
  }

  private String qrs() {
    return String.join(
        "\n",
        "  qrs:",
        "    host: localhost",
        "    port: " + emulator.port(),
        "    clientCert: certs/client.pem",
        "    clientKey: certs/client_key.pem",
        "    rootCa: certs/root.pem");
  }

  private Path write(String... lines) throws IOException {
    Path file = directory.resolve("config.yaml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private void publish(String subtopic, String payload) {
    client
        .publishWith()
        .topic(root + "/" + subtopic)
        .payload(payload.getBytes(UTF_8))
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .join();
  }

  /** Keeps each outcome by where it came from and what it asked for. */
  private void record(byte[] payload) {
    try {
      JsonNode outcome = JSON.readTree(payload);
      String topic = outcome.get("topic").asText().substring(root.length() + 1);
      if (outcome.has("tasks")) {
        outcomes.put(
            topic + " " + outcome.get("tasks").get(0).get("task").asText(),
            outcome.get("outcome").asText());
      } else {
        outcomes.put(
            topic + " " + requested(outcome.get("message").asText()),
            outcome.get("outcome").asText() + " " + outcome.get("reason").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requested(String message) {
    return message.contains(SALES) ? SALES : message.contains(FINANCE) ? FINANCE : message;
  }

  private void awaitOutcomes(int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() >= count);
  }

  private static ClassLoader loader() {
    return RunnerRoutesTest.class.getClassLoader();
  }
}
