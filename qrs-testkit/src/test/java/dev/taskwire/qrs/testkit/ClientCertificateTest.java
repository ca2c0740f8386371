package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCertificateTest {

  private static final String TASK = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String START = "/qrs/task/" + TASK + "/start";

  @TempDir Path dir;
  private QrsEmulator emulator;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir.resolve("certs"))
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void acceptsClientCertificateIssuedByItsRoot() {
    QrsCaller caller = QrsCaller.direct(emulator);

    HttpResponse<String> response = caller.post("/qrs/task/" + TASK + "/start");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(emulator.requests().get(0).clientCertificateSubject()).isEqualTo("CN=QlikClient");
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void refusesConnectionWithoutClientCertificate(String protocol) {
    HttpClient client =
        TlsClients.client(TlsClients.context(emulator.certificates().rootCa(), null), protocol);
    QrsCaller caller = new QrsCaller(client, emulator.baseUri(), QrsCaller.USER_HEADER);

    assertThatThrownBy(() -> caller.sendChecked(caller.request(START).POST(noBody())))
        .satisfies(e -> assertRefusedHandshake(e, protocol));
    assertThat(emulator.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void refusesClientCertificateOfForeignRoot(String protocol) {
    EmulatorCertificates foreign = EmulatorCertificates.generateUntrusted(dir.resolve("foreign"));
    HttpClient client =
        TlsClients.client(TlsClients.context(emulator.certificates().rootCa(), foreign), protocol);
    QrsCaller caller = new QrsCaller(client, emulator.baseUri(), QrsCaller.USER_HEADER);

    assertThatThrownBy(() -> caller.sendChecked(caller.request(START).POST(noBody())))
        .satisfies(e -> assertRefusedHandshake(e, protocol));
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void failsHostnameVerificationWhenReachedByIpAddress() {
    HttpClient client = TlsClients.trusted(emulator.certificates());
    URI byAddress = URI.create("https://127.0.0.1:" + emulator.port());
    QrsCaller caller = new QrsCaller(client, byAddress, QrsCaller.USER_HEADER);

    assertThatThrownBy(() -> caller.sendChecked(caller.request(START).POST(noBody())))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
  }

  @Test
  void clientTrustingAnotherRootRefusesTheServer() {
    EmulatorCertificates foreign = EmulatorCertificates.generateUntrusted(dir.resolve("foreign"));
    HttpClient client = TlsClients.presenting(foreign, emulator.certificates());
    QrsCaller caller = new QrsCaller(client, emulator.baseUri(), QrsCaller.USER_HEADER);

    assertThatThrownBy(() -> caller.sendChecked(caller.request(START).POST(noBody())))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void speaksTls12AndTls13() throws Exception {
    for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
      HttpClient client = TlsClients.trustedWithProtocol(emulator.certificates(), protocol);
      QrsCaller caller = new QrsCaller(client, emulator.baseUri(), QrsCaller.USER_HEADER);

      HttpResponse<String> response =
          caller.sendChecked(caller.request("/qrs/task/" + TASK + "/start").POST(noBody()));

      assertThat(response.statusCode()).as(protocol).isEqualTo(204);
    }
  }

  @Test
  void servesUnderTheConfiguredHostname() {
    try (QrsEmulator named =
        QrsEmulator.builder()
            .certificateDirectory(dir.resolve("named"))
            .serverHostname("localhost")
            .port(0)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .start()) {

      URI base = named.baseUri();

      assertThat(base.getScheme()).isEqualTo("https");
      assertThat(base.getHost()).isEqualTo("localhost");
      assertThat(base.getPort()).isEqualTo(named.port()).isPositive();
    }
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  /**
   * In TLS 1.2 the server's refusal ends the handshake, which the client sees as such. In TLS 1.3
   * the client has finished its side before the server checks its certificate, so it sees the
   * connection end instead of an answer; the emulator never handles the request either way.
   */
  private static void assertRefusedHandshake(Throwable thrown, String protocol) {
    assertThat(thrown).isInstanceOf(IOException.class);
    if (protocol.equals("TLSv1.2")) {
      assertThat(thrown).isInstanceOf(SSLHandshakeException.class);
    }
  }
}
