package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsResponse;
import dev.taskwire.qrs.QrsTransportException;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a QRS status to a failure class and a message, without a server. */
class QrsFailuresTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String START = "/qrs/task/" + T + "/start/synchronous";

  @TempDir static Path directory;

  private static QrsConfig certificate;
  private static QrsConfig header;
  private static QrsConfig jwt;

  @BeforeAll
  static void configure() {
    EmulatorCertificates files = EmulatorCertificates.generateUntrusted(directory);
    certificate =
        QrsConfig.builder()
            .host("qlik")
            .user("INTERNAL", "userA")
            .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey()))
            .rootCa(files.rootCa())
            .build();
    header =
        QrsConfig.builder()
            .host("qlik")
            .authentication(QrsAuthentication.header("hdr-usr", "CORP\\svc"))
            .rootCa(files.rootCa())
            .build();
    jwt =
        QrsConfig.builder()
            .host("qlik")
            .authentication(QrsAuthentication.jwt("a.b.c"))
            .rootCa(files.rootCa())
            .build();
  }

  private static TaskStartResult.Failed answer(int status, String body, QrsConfig config) {
    return QrsFailures.of(T, new QrsResponse("POST", START, status, body), config);
  }

  @Test
  void mapsEachStatusToItsClass() {
    assertThat(answer(400, "", certificate).kind()).isEqualTo(FailureKind.BAD_REQUEST);
    assertThat(answer(401, "", certificate).kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(answer(403, "", certificate).kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(answer(302, "", header).kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(answer(404, "", certificate).kind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(answer(409, "", certificate).kind()).isEqualTo(FailureKind.BAD_REQUEST);
    assertThat(answer(500, "", certificate).kind()).isEqualTo(FailureKind.SERVER);
    assertThat(answer(503, "", certificate).kind()).isEqualTo(FailureKind.SERVER);
  }

  @Test
  void quotesTheXsrfRefusalAndNamesTheUser() {
    TaskStartResult.Failed failed =
        answer(403, "XSRF prevention check failed. Possible XSRF discovered.", certificate);

    assertThat(failed.message())
        .isEqualTo(
            "Task "
                + T
                + ": QRS refused POST "
                + START
                + " for user INTERNAL\\userA (403): XSRF prevention check failed. Possible XSRF"
                + " discovered. (the Xrfkey in the query and the header did not match)");
  }

  @Test
  void saysNotFoundOrNotVisibleForAStartById() {
    assertThat(answer(404, "Not found", certificate).message())
        .isEqualTo(
            "Task "
                + T
                + " not found or not visible to INTERNAL\\userA (404 on POST "
                + START
                + "): Not found");
  }

  @Test
  void namesTheCredentialOfEachAuthenticationMode() {
    assertThat(answer(401, "", certificate).message())
        .contains("client certificate (qrs.clientCert) or X-Qlik-User INTERNAL\\userA");
    assertThat(answer(401, "", header).message())
        .contains("header hdr-usr for user CORP\\svc (qrs.headerAuth)");
    assertThat(answer(401, "", jwt).message()).contains("JWT bearer token (qrs.jwt)");
    assertThat(answer(302, "", jwt).message())
        .contains("redirected")
        .contains("JWT bearer token (qrs.jwt)");
  }

  @Test
  void putsQrsMessageOnOneLineCutTo200Characters() {
    String body = "line one\r\n  line two " + "y".repeat(500);

    String message = answer(500, body, certificate).message();

    assertThat(message).contains(": line one line two yyy").endsWith("y…");
    assertThat(message.substring(message.indexOf("line one"))).hasSize(201);
  }

  @Test
  void reportsAStartThatMayHaveReachedQrsAsUncertainButALookupAsItsOwnClass() {
    QrsTransportException cutOff =
        new QrsTransportException(
            "POST x failed after it was sent", FailureKind.NETWORK, true, new IOException());

    TaskStartResult.Failed start = QrsFailures.of(T, cutOff, true);
    TaskStartResult.Failed lookup = QrsFailures.of("task named 'x'", cutOff, false);

    assertThat(start.kind()).isEqualTo(FailureKind.UNCERTAIN);
    assertThat(start.httpStatus()).isZero();
    assertThat(lookup.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(lookup.message()).startsWith("Looking up task named 'x': POST x failed");
  }

  @Test
  void keepsAStartThatCertainlyDidNotReachQrsRetryable() {
    QrsTransportException refused =
        new QrsTransportException(
            "could not connect", FailureKind.NETWORK, false, new IOException());

    assertThat(QrsFailures.of(T, refused, true).kind()).isEqualTo(FailureKind.NETWORK);
  }
}
