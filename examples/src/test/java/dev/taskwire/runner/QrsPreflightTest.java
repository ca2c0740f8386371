package dev.taskwire.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsClient;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsRetry;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} asks QRS once before it takes messages, and stops at once on a bad credential; a
 * broker it cannot reach stops it with the settings to check.
 */
class QrsPreflightTest {

  @TempDir Path directory;
  private QrsEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory.resolve("certs"))
            .task(EmulatedTask.reload("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f", "Reload sales"))
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void refusesToRunWhenQrssCertificateDoesNotCheckOutAgainstTheRootCa() throws IOException {
    EmulatorCertificates.generateUntrusted(directory.resolve("stranger"));
    Path file = taskwireFile(1883, "certs/client.pem", "certs/client_key.pem", "stranger/root.pem");

    assertThat(runFailing(file))
        .startsWith("taskwire: ")
        .contains("Checking access to QRS: ")
        .contains("qrs.rootCa")
        .contains("not starting, since this will not mend by itself");
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void refusesToRunWithAClientCertificateFromAnotherCaThatQrsRefuses() throws IOException {
    EmulatorCertificates.generateUntrusted(directory.resolve("stranger"));
    Path file =
        taskwireFile(1883, "stranger/client.pem", "stranger/client_key.pem", "certs/root.pem");

    assertThat(runFailing(file))
        .startsWith("taskwire: Checking access to QRS: ")
        .contains("the client certificate is not issued by the root CA (qrs.rootCa)")
        .contains("not starting, since this will not mend by itself");
  }

  @Test
  void namesTheBrokerSettingsWhenTheBrokerCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path file =
        taskwireFile(closedPort, "certs/client.pem", "certs/client_key.pem", "certs/root.pem");

    assertThat(runFailing(file))
        .startsWith("taskwire: Could not connect to the MQTT broker at 127.0.0.1:" + closedPort)
        .contains("(check mqtt.host, mqtt.port, mqtt.tls and mqtt.rootTopic)");
    assertThat(emulator.requests()).extracting(RecordedRequest::path).containsExactly("/qrs/about");
  }

  @Test
  void passesWhenQrsAcceptsTheClient() {
    try (QrsClient client = QrsClient.create(config(emulator.baseUri()))) {
      assertThatCode(() -> QrsPreflight.check(client)).doesNotThrowAnyException();
    }
    assertThat(emulator.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.path()).isEqualTo("/qrs/about");
              assertThat(r.status()).isEqualTo(200);
            })
        .extracting(RecordedRequest::user)
        .isEqualTo("INTERNAL\\sa_api");
  }

  @Test
  void toleratesAQrsThatCannotBeReachedYet() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (QrsClient client =
        QrsClient.create(config(URI.create("https://localhost:" + closedPort)))) {
      assertThatCode(() -> QrsPreflight.check(client)).doesNotThrowAnyException();
    }
  }

  /**
   * Runs {@code run --config file} as the command line does; returns what it printed on failing.
   */
  private static String runFailing(Path file) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            List.of("run", "--config", file.toString()),
            new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
            new PrintStream(err, true, UTF_8));

    assertThat(status).isEqualTo(1);
    return err.toString(UTF_8);
  }

  private QrsConfig config(URI base) {
    EmulatorCertificates files = emulator.certificates();
    return QrsConfig.builder()
        .baseUri(base)
        .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
        .rootCa(files.rootCa())
        .retry(QrsRetry.NONE)
        .build();
  }

  /** A taskwire file for the broker on {@code mqttPort} and the emulator, with these files. */
  private Path taskwireFile(int mqttPort, String clientCert, String clientKey, String rootCa)
      throws IOException {
    Path file = directory.resolve("config.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "taskwire:",
            "  mqtt:",
            "    host: 127.0.0.1",
            "    port: " + mqttPort,
            "    rootTopic: taskwire-preflight/#",
            "    taskStartTopic: taskwire-preflight/start_task",
            "  qrs:",
            "    host: localhost",
            "    port: " + emulator.port(),
            "    clientCert: " + clientCert,
            "    clientKey: " + clientKey,
            "    rootCa: " + rootCa,
            ""));
    return file;
  }
}
