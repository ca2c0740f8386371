package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.FaultScope;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.VirtualProxyAuth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client logs: a line per request and each retry and warning, and never a secret. */
class SecretsInLogsTest {

  private static final String JWT = "eyJhbGciOi.secret-payload.signature";

  @TempDir Path directory;

  private static void startOnce(QrsConfig config) {
    try (QrsTaskStarter starter = QrsTaskStarter.create(config)) {
      starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));
    }
  }

  @Test
  void logsEachRequestRetryAndWarningWithoutASecretOrAnXrfkey() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(EmulatedTask.reload(T, "Reload sales"))
            .virtualProxy("jwt", VirtualProxyAuth.jwt(JWT, "CORP\\svc_jwt"))
            .start();
    EmulatorCertificates files = emulator.certificates();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try (emulator) {
      emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 503, "Busy");
      startOnce(
          QrsConfig.builder()
              .baseUri(URI.create("https://127.0.0.1:" + emulator.port()))
              .hostnameVerification(false)
              .authentication(
                  QrsAuthentication.encryptedPem(
                      files.clientCert(), files.clientKeyEncrypted(), files.keyPassphrase()))
              .rootCa(files.rootCa())
              .retry(new QrsRetry(2, Duration.ofMillis(5), Duration.ofMillis(5)))
              .build());
      startOnce(
          QrsConfig.builder()
              .baseUri(emulator.baseUri())
              .authentication(QrsAuthentication.pkcs12(files.clientPfx(), files.pfxPassword()))
              .rootCa(files.rootCaDer())
              .build());
      for (String token : List.of(JWT, JWT + "-forged")) {
        startOnce(
            QrsConfig.builder()
                .baseUri(URI.create(emulator.proxyBaseUri() + "/jwt"))
                .authentication(QrsAuthentication.jwt(token))
                .rootCa(files.rootCa())
                .build());
      }
    } finally {
      System.setErr(original);
    }

    String logs = captured.toString(UTF_8);
    assertThat(logs)
        .contains(
            "DEBUG dev.taskwire.qrs.QrsClient - POST /qrs/task/"
                + T
                + "/start/synchronous -> 201 in")
        .contains("-> 401 in")
        .contains("WARN dev.taskwire.qrs.QrsClient - Retrying POST /qrs/task/" + T)
        .contains("attempt 2 of 2: QRS answered 503")
        .contains("QRS host name verification is off for https://127.0.0.1:");
    assertThat(logs)
        .doesNotContain(files.keyPassphrase())
        .doesNotContain(files.pfxPassword())
        .doesNotContain("secret-payload")
        .doesNotContain("xrfkey");
    emulator
        .requests()
        .forEach(r -> assertThat(logs).doesNotContain(r.queryParameter("xrfkey").orElseThrow()));
  }

  @Test
  void readsTheCertificateFilesOnlyWhenTheConfigurationIsBuilt() throws IOException {
    try (QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory.resolve("emulator"))
            .task(EmulatedTask.reload(T, "Reload sales"))
            .start()) {
      EmulatorCertificates files = emulator.certificates();
      Path copies = Files.createDirectories(directory.resolve("copies"));
      Path cert = Files.copy(files.clientCert(), copies.resolve("client.pem"));
      Path key = Files.copy(files.clientKey(), copies.resolve("client_key.pem"));
      Path root = Files.copy(files.rootCa(), copies.resolve("root.pem"));
      QrsConfig config =
          QrsConfig.builder()
              .baseUri(emulator.baseUri())
              .authentication(QrsAuthentication.pem(cert, key))
              .rootCa(root)
              .build();

      for (Path file : List.of(cert, key, root)) {
        Files.delete(file);
      }

      try (QrsTaskStarter starter = QrsTaskStarter.create(config)) {
        assertThat(starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).allStarted())
            .isTrue();
      }
    }
  }
}
