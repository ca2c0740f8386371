package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FailureKind;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTransportException;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a missing answer means, and whether the request may have reached QRS. */
class TransportFailuresTest {

  @TempDir static Path directory;

  private static QrsConfig config;

  @BeforeAll
  static void configure() {
    EmulatorCertificates files = EmulatorCertificates.generateUntrusted(directory);
    config =
        QrsConfig.builder()
            .host("qlik")
            .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey()))
            .rootCa(files.rootCa())
            .connectTimeout(Duration.ofSeconds(3))
            .requestTimeout(Duration.ofSeconds(7))
            .build();
  }

  private static QrsTransportException classify(Throwable cause) {
    return TransportFailures.classify("POST", "/qrs/task/x/start", cause, config);
  }

  private static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException exception = new SSLHandshakeException(message);
    exception.initCause(cause);
    return exception;
  }

  @Test
  void aRefusedConnectionWasNotSent() {
    QrsTransportException failure = classify(new ConnectException());

    assertThat(failure.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failure.maybeSent()).isFalse();
    assertThat(failure.getMessage())
        .isEqualTo(
            "POST https://qlik:4242/qrs/task/x/start could not connect (connection refused): is QRS"
                + " listening there? (qrs.host, qrs.port)");
  }

  @Test
  void aConnectTimeoutWasNotSentButAnAnswerTimeoutMayHaveBeen() {
    QrsTransportException connect = classify(new HttpConnectTimeoutException("late"));
    QrsTransportException answer = classify(new HttpTimeoutException("late"));

    assertThat(connect.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(connect.maybeSent()).isFalse();
    assertThat(connect.getMessage())
        .endsWith("could not connect within 3000 ms (qrs.connectTimeout)");
    assertThat(answer.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(answer.maybeSent()).isTrue();
    assertThat(answer.getMessage()).endsWith("got no answer within 7000 ms (qrs.requestTimeout)");
  }

  @Test
  void aServerCertificateForAnotherNameIsAConfigurationError() {
    QrsTransportException failure =
        classify(
            new IOException(
                handshake(
                    "No subject alternative names matching IP address 127.0.0.1 found",
                    new CertificateException("No subject alternative names"))));

    assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
    assertThat(failure.maybeSent()).isFalse();
    assertThat(failure.getMessage())
        .contains("hostname verification")
        .contains("turn qrs.hostnameVerification off");
  }

  @Test
  void aServerCertificateFromAnotherCaIsAConfigurationError() {
    QrsTransportException failure =
        classify(handshake("PKIX path building failed", new CertificateException("no path")));

    assertThat(failure.kind()).isEqualTo(FailureKind.CONFIGURATION);
    assertThat(failure.getMessage()).contains("not issued by the configured root CA, qrs.rootCa");
  }

  @Test
  void aClientCertificateRefusedInTheHandshakeIsAnAuthorisationFailure() {
    QrsTransportException failure =
        classify(new SSLHandshakeException("Received fatal alert: bad_certificate"));

    assertThat(failure.kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(failure.maybeSent()).isFalse();
    assertThat(failure.getMessage()).contains("qrs.clientCert or qrs.pfx");
  }

  @Test
  void aHandshakeCutOffIsANetworkFailureBeforeSending() {
    QrsTransportException failure =
        classify(new SSLHandshakeException("Remote host terminated the handshake"));

    assertThat(failure.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failure.maybeSent()).isFalse();
  }

  @Test
  void aConnectionLostAfterwardsMayHaveBeenSent() {
    QrsTransportException failure =
        classify(new IOException("HTTP/1.1 header parser received no bytes"));

    assertThat(failure.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failure.maybeSent()).isTrue();
    assertThat(failure.getMessage()).contains("failed after it was sent");
  }

  @Test
  void anythingElseIsInternal() {
    QrsTransportException failure = classify(new IllegalArgumentException("odd"));

    assertThat(failure.kind()).isEqualTo(FailureKind.INTERNAL);
    assertThat(failure.maybeSent()).isFalse();
  }
}
