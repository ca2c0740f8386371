package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import dev.taskwire.qrs.testkit.VirtualProxyAuth;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way to authenticate, over real HTTPS against the emulator. */
class AuthenticationModesTest {

  @TempDir static Path directory;

  private static QrsEmulator emulator;
  private static EmulatorCertificates files;

  @BeforeAll
  static void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(EmulatedTask.reload(T, "Reload sales"))
            .virtualProxy("hdr", VirtualProxyAuth.header("hdr-usr"))
            .virtualProxy("jwt", VirtualProxyAuth.jwt("signed.jwt.token", "CORP\\svc_jwt"))
            .start();
    files = emulator.certificates();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static TaskStartResult startWith(QrsConfig config) {
    try (QrsTaskStarter starter = QrsTaskStarter.create(config)) {
      return starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);
    }
  }

  private static QrsConfig.Builder direct(QrsAuthentication authentication) {
    return QrsConfig.builder()
        .baseUri(emulator.baseUri())
        .authentication(authentication)
        .rootCa(files.rootCa());
  }

  @Test
  void startsWithPemCertificateAndPkcs1Key() {
    assertThat(
            startWith(
                    direct(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
                        .build())
                .started())
        .isTrue();
  }

  @Test
  void startsWithPkcs8Key() {
    assertThat(
            startWith(
                    direct(QrsAuthentication.pem(files.clientCert(), files.clientKeyPkcs8(), null))
                        .build())
                .started())
        .isTrue();
  }

  @Test
  void startsWithEncryptedPkcs8KeyAndPassphrase() {
    QrsAuthentication pem =
        QrsAuthentication.pem(
            files.clientCert(), files.clientKeyEncrypted(), files.keyPassphrase().toCharArray());

    assertThat(startWith(direct(pem).build()).started()).isTrue();
  }

  @Test
  void startsWithPkcs12AndDerRootCa() {
    QrsConfig config =
        QrsConfig.builder()
            .baseUri(emulator.baseUri())
            .authentication(
                QrsAuthentication.pkcs12(files.clientPfx(), files.pfxPassword().toCharArray()))
            .rootCa(files.rootCaDer())
            .build();

    assertThat(startWith(config).started()).isTrue();
  }

  @Test
  void startsThroughAVirtualProxyWithHeaderAuthentication() {
    emulator.clearRequests();
    QrsConfig config =
        QrsConfig.builder()
            .baseUri(URI.create(emulator.proxyBaseUri() + "/hdr"))
            .authentication(QrsAuthentication.header("hdr-usr", "CORP\\svc_header"))
            .rootCa(files.rootCa())
            .build();

    TaskStartResult result = startWith(config);

    assertThat(result.started()).isTrue();
    RecordedRequest request = emulator.requests().get(0);
    assertThat(request.path()).isEqualTo("/hdr/qrs/task/" + T + "/start/synchronous");
    assertThat(request.user()).isEqualTo("CORP\\svc_header");
  }

  @Test
  void startsThroughAVirtualProxyWithAJwtAndReportsABadOneAsAuthorisation() {
    QrsConfig.Builder config =
        QrsConfig.builder()
            .baseUri(URI.create(emulator.proxyBaseUri() + "/jwt"))
            .rootCa(files.rootCa());

    TaskStartResult good =
        startWith(config.authentication(QrsAuthentication.jwt("signed.jwt.token")).build());
    TaskStartResult bad =
        startWith(config.authentication(QrsAuthentication.jwt("forged.jwt.token")).build());

    assertThat(good.started()).isTrue();
    TaskStartResult.Failed failed = (TaskStartResult.Failed) bad;
    assertThat(failed.kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(failed.httpStatus()).isEqualTo(401);
    assertThat(failed.message())
        .contains("JWT bearer token (qrs.jwt)")
        .doesNotContain("forged.jwt.token");
  }

  @Test
  void refusesAServerNamedOtherwiseUnlessHostnameVerificationIsTurnedOffByName() {
    URI byAddress = URI.create("https://127.0.0.1:" + emulator.port());
    QrsAuthentication pem = QrsAuthentication.pem(files.clientCert(), files.clientKey(), null);

    TaskStartResult verified =
        startWith(
            QrsConfig.builder()
                .baseUri(byAddress)
                .authentication(pem)
                .rootCa(files.rootCa())
                .build());
    TaskStartResult unverified =
        startWith(
            QrsConfig.builder()
                .baseUri(byAddress)
                .authentication(pem)
                .rootCa(files.rootCa())
                .hostnameVerification(false)
                .build());

    TaskStartResult.Failed failed = (TaskStartResult.Failed) verified;
    assertThat(failed.kind()).isEqualTo(FailureKind.CONFIGURATION);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.message()).contains("qrs.hostnameVerification");
    assertThat(unverified.started()).isTrue();
  }

  @Test
  void refusesAServerFromAnotherCa() {
    EmulatorCertificates foreign =
        EmulatorCertificates.generateUntrusted(directory.resolve("foreign"));

    TaskStartResult result =
        startWith(
            QrsConfig.builder()
                .baseUri(emulator.baseUri())
                .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
                .rootCa(foreign.rootCa())
                .build());

    assertThat(((TaskStartResult.Failed) result).message())
        .contains("not issued by the configured root CA");
  }

  @Test
  void trustsAnyServerCertificateOnlyWhenToldTo() {
    EmulatorCertificates foreign =
        EmulatorCertificates.generateUntrusted(directory.resolve("other-ca"));

    TaskStartResult result =
        startWith(
            QrsConfig.builder()
                .baseUri(emulator.baseUri())
                .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey()))
                .rootCa(foreign.rootCa())
                .trustAnyServerCertificate(true)
                .build());

    assertThat(result.started()).isTrue();
  }

  @Test
  void reportsAClientCertificateQrsRefusesAsUncertainPointingAtTheCertificate() {
    EmulatorCertificates foreign =
        EmulatorCertificates.generateUntrusted(directory.resolve("stranger"));

    TaskStartResult result =
        startWith(
            QrsConfig.builder()
                .baseUri(emulator.baseUri())
                .authentication(QrsAuthentication.pem(foreign.clientCert(), foreign.clientKey()))
                .rootCa(files.rootCa())
                .retry(QrsRetry.NONE)
                .build());

    // With TLS 1.3 the refusal arrives after the request was sent, as a closed connection.
    TaskStartResult.Failed failed = (TaskStartResult.Failed) result;
    assertThat(failed.kind()).isEqualTo(FailureKind.UNCERTAIN);
    assertThat(failed.message()).contains("QRS may be refusing the client certificate");
    assertThat(emulator.requests())
        .noneSatisfy(r -> assertThat(r.clientCertificateSubject()).contains("stranger"));
  }

  @Test
  void sendsTheProxySessionCookieBackOnLaterCalls() {
    emulator.clearRequests();
    QrsConfig config =
        QrsConfig.builder()
            .baseUri(URI.create(emulator.proxyBaseUri() + "/hdr"))
            .authentication(QrsAuthentication.header("hdr-usr", "CORP\\svc_header"))
            .rootCa(files.rootCa())
            .build();

    try (QrsTaskStarter starter = QrsTaskStarter.create(config)) {
      starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));
      starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));
    }

    List<RecordedRequest> requests = emulator.requests();
    assertThat(requests.get(0).header("cookie")).isEmpty();
    assertThat(requests.get(1).header("cookie"))
        .hasValueSatisfying(c -> assertThat(c).contains("X-Qlik-Session-hdr="));
  }

  @Test
  void sendsNoXQlikUserThroughAVirtualProxy() {
    emulator.clearRequests();

    startWith(
        QrsConfig.builder()
            .baseUri(URI.create(emulator.proxyBaseUri() + "/jwt"))
            .authentication(QrsAuthentication.jwt("signed.jwt.token"))
            .rootCa(files.rootCa())
            .build());

    RecordedRequest request = emulator.requests().get(0);
    assertThat(request.header("authorization")).contains("Bearer signed.jwt.token");
    assertThat(request.header("x-qlik-user")).isEmpty();
    assertThat(request.user()).isEqualTo("CORP\\svc_jwt");
  }
}
