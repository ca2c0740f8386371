package dev.taskwire.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration files, in taskwire's and in Butler's format, read onto a running bridge. */
class RunnerConfigTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String OTHER = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";

  @TempDir Path directory;

  private final String root = "taskwire-runner-test/" + UUID.randomUUID();
  private QrsEmulator emulator;
  private EmulatorCertificates files;
  private RunnerConfig config;
  private Mqtt5BlockingClient publisher;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory.resolve("certs"))
            .task(EmulatedTask.reload(T, "Reload sales"))
            .task(EmulatedTask.reload(OTHER, "Reload finance"))
            .start();
    files = emulator.certificates();
  }

  @AfterEach
  void stop() {
    if (publisher != null) {
      publisher.disconnect();
    }
    if (config != null) {
      config.close();
    }
    emulator.close();
  }

  @Test
  void runsFromATaskwireFileWithAnEncryptedKeyWhosePassphraseComesFromTheEnvironment()
      throws IOException {
    Path file =
        write(
            "taskwire:",
            "  mqtt:",
            "    host: 127.0.0.1",
            "    rootTopic: " + root + "/#",
            "    taskStartTopic: " + root + "/start_task",
            "    cleanStart: true",
            "  qrs:",
            "    host: localhost",
            "    port: " + emulator.port(),
            "    userId: svc_taskwire",
            "    clientCert: certs/client.pem",
            "    clientKey: certs/client_key_encrypted.pem",
            "    clientKeyPassphraseEnv: TEST_KEY_PASSPHRASE",
            "    rootCa: certs/root.pem",
            "  filters:",
            "    discover: false",
            "    debounce: 30s");

    config =
        RunnerConfig.load(
            file, Map.of("TEST_KEY_PASSPHRASE", files.keyPassphrase())::get, loader());
    config.trigger.startAndWait(Duration.ofSeconds(10));
    publish(T);

    RecordedRequest start = awaitStart();
    assertThat(start.path()).isEqualTo("/qrs/task/" + T + "/start/synchronous");
    assertThat(start.user()).isEqualTo("INTERNAL\\svc_taskwire");
  }

  @Test
  void runsFromAButlerFileAndAppliesItsStartTaskAllowListToMqtt() throws IOException {
    Path file =
        write(
            "Butler:",
            "  logLevel: info",
            "  mqttConfig:",
            "    enable: true",
            "    brokerHost: 127.0.0.1",
            "    brokerPort: 1883",
            "    subscriptionRootTopic: " + root + "/#",
            "    taskStartTopic: " + root + "/start_task",
            "  configQRS:",
            "    authentication: certificates",
            "    host: localhost",
            "    port: " + emulator.port(),
            "    rejectUnauthorized: true",
            "    headers:",
            "      static:",
            "        - name: X-Qlik-User",
            "          value: UserDirectory=Internal;UserId = sa_repository",
            "  cert:",
            "    clientCert: " + files.clientCert(),
            "    clientCertKey: " + files.clientKey(),
            "    clientCertCA: " + files.rootCa(),
            "  startTaskFilter:",
            "    enable: true",
            "    allowTask:",
            "      taskId:",
            "        - " + T,
            "      tag: []",
            "      customProperty: []");

    config = RunnerConfig.load(file, name -> null, loader());
    config.trigger.startAndWait(Duration.ofSeconds(10));
    publish(OTHER);
    publish(T);

    RecordedRequest start = awaitStart();
    assertThat(config.format).isEqualTo("Butler");
    assertThat(start.path()).isEqualTo("/qrs/task/" + T + "/start/synchronous");
    assertThat(start.user()).isEqualTo("Internal\\sa_repository");
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void servesHealthAndPrometheusMetricsOnLoopback() throws Exception {
    Path file =
        write(
            "taskwire:",
            "  mqtt: {host: 127.0.0.1, rootTopic: '"
                + root
                + "/#', taskStartTopic: "
                + root
                + "/start_task, cleanStart: true}",
            "  qrs:",
            "    host: localhost",
            "    port: " + emulator.port(),
            "    clientCert: certs/client.pem",
            "    clientKey: certs/client_key.pem",
            "    rootCa: certs/root.pem",
            "  http: {port: 0}");
    config = RunnerConfig.load(file, name -> null, loader());
    config.trigger.startAndWait(Duration.ofSeconds(10));
    StatusServer server = config.startStatusServer();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.URI base = java.net.URI.create("http://127.0.0.1:" + server.port());

    publish(T);
    publish("abc");
    awaitStart();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                get(http, base.resolve("/metrics"))
                    .body()
                    .contains("taskwire_triggers_rejected_total"));

    var health = get(http, base.resolve("/health"));
    String metrics = get(http, base.resolve("/metrics")).body();
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .contains("\"status\":\"UP\"")
        .contains("\"connection\":\"CONNECTED\"");
    assertThat(metrics)
        .contains("taskwire_triggers_received_total{trigger=\"taskwire\"} 2.0")
        .contains("taskwire_tasks_started_total{trigger=\"taskwire\"} 1.0")
        .contains(
            "taskwire_triggers_rejected_total{reason=\"invalid-task-id\",trigger=\"taskwire\"} 1.0");
  }

  private static java.net.http.HttpResponse<String> get(
      java.net.http.HttpClient http, java.net.URI uri) throws Exception {
    return http.send(
        java.net.http.HttpRequest.newBuilder(uri).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void namesTheButlerKeyAndTheAbsolutePathOfAMissingCertificate() throws IOException {
    Path file =
        write(
            "Butler:",
            "  mqttConfig: {enable: true, brokerHost: 127.0.0.1, brokerPort: 1883,"
                + " subscriptionRootTopic: 'qliksense/#', taskStartTopic: qliksense/start_task}",
            "  configQRS: {host: localhost, port: 4242}",
            "  cert: {clientCert: missing/client.pem, clientCertKey: missing/client_key.pem,"
                + " clientCertCA: missing/root.pem}");

    assertThatThrownBy(() -> RunnerConfig.load(file, name -> null, loader()))
        .isInstanceOf(TaskwireException.class)
        .hasMessage(
            "Client certificate file "
                + directory.resolve("missing/client.pem")
                + " does not exist (Butler.cert.clientCert)");
  }

  @Test
  void namesButlersRootCaKeyWhenItIsMissingAndCertificatesAreVerified() throws IOException {
    Path file =
        write(
            "Butler:",
            "  mqttConfig: {enable: true, brokerHost: 127.0.0.1, brokerPort: 1883,"
                + " subscriptionRootTopic: 'qliksense/#', taskStartTopic: qliksense/start_task}",
            "  configQRS: {host: localhost, port: " + emulator.port() + "}",
            "  cert: {clientCert: "
                + files.clientCert()
                + ", clientCertKey: "
                + files.clientKey()
                + "}");

    assertThatThrownBy(() -> RunnerConfig.load(file, name -> null, loader()))
        .isInstanceOf(TaskwireException.class)
        .hasMessageStartingWith("Setting Butler.cert.clientCertCA is required to verify QRS's");
  }

  @Test
  void refusesAnUnknownSettingNamingIt() throws IOException {
    Path file = write("taskwire:", "  mqtt:", "    rootTopik: qliksense/#");

    assertThatThrownBy(() -> RunnerConfig.load(file, name -> null, loader()))
        .isInstanceOf(TaskwireException.class)
        .hasMessageStartingWith("Unknown setting mqtt.rootTopik; expected one of host, port");
  }

  @Test
  void reportsInvalidYamlByLineWithoutQuotingIt() throws IOException {
    Path file = write("taskwire:", "  mqtt:", "    password: Inline-Secret-99: oops");

    assertThatThrownBy(() -> RunnerConfig.load(file, name -> null, loader()))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining("is not valid YAML at line 3")
        .hasMessageNotContaining("Inline-Secret-99");
  }

  @Test
  void refusesAColonInXQlikUser() {
    assertThatThrownBy(
            () ->
                XQlikUser.parse(
                    "UserDirectory: INTERNAL; UserId: sa_api",
                    "Butler.configQRS.headers.static[0].value"))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining("uses ':' where QRS expects '='");
    assertThat(XQlikUser.parse("userdirectory = INTERNAL ;USERID=sa_api", "x"))
        .containsExactly("INTERNAL", "sa_api");
  }

  @Test
  void refusesAButlerFileWithMqttTurnedOff() throws IOException {
    Path file = write("Butler:", "  mqttConfig:", "    enable: false");

    assertThatThrownBy(() -> RunnerConfig.load(file, name -> null, loader()))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining("Butler.mqttConfig.enable");
  }

  private Path write(String... lines) throws IOException {
    Path file = directory.resolve("config.yaml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private void publish(String payload) {
    if (publisher == null) {
      publisher =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("runner-test-" + UUID.randomUUID())
              .serverHost("127.0.0.1")
              .serverPort(1883)
              .buildBlocking();
      publisher.connect();
    }
    publisher
        .publishWith()
        .topic(root + "/start_task")
        .payload(payload.getBytes(UTF_8))
        .qos(MqttQos.AT_LEAST_ONCE)
        .send();
  }

  private RecordedRequest awaitStart() {
    await().atMost(Duration.ofSeconds(20)).until(() -> !emulator.requests().isEmpty());
    return emulator.requests().get(0);
  }

  private static ClassLoader loader() {
    return RunnerConfigTest.class.getClassLoader();
  }
}
