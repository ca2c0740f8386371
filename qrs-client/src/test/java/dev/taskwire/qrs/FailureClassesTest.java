package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.FaultScope;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every class of failure as a result, never as an exceptional stage, with a message that names the
 * task, the method and path, the status and QRS's own words.
 */
class FailureClassesTest {

  @TempDir Path directory;

  private QrsEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(EmulatedTask.reload(T, "Reload sales"))
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private TaskStartResult.Failed fail(QrsConfig.Builder config, TaskStartRequest request) {
    try (QrsTaskStarter starter = QrsTaskStarter.create(config.build())) {
      return (TaskStartResult.Failed) starter.startAndWait(request).results().get(0);
    }
  }

  private TaskStartResult.Failed failById() {
    return fail(QrsFixture.direct(emulator), TaskStartRequest.ofIds(TaskId.parse(T)));
  }

  @Test
  void reportsA400AsABadRequestNamingTaskEndpointAndQrsMessage() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 400, "Bad request: something odd");

    TaskStartResult.Failed failed = failById();

    assertThat(failed.task()).isEqualTo(T);
    assertThat(failed.kind()).isEqualTo(FailureKind.BAD_REQUEST);
    assertThat(failed.httpStatus()).isEqualTo(400);
    assertThat(failed.message())
        .isEqualTo(
            "Task "
                + T
                + ": QRS refused POST /qrs/task/"
                + T
                + "/start/synchronous as malformed (400): Bad request: something odd");
  }

  @Test
  void reportsA401NamingTheCredentialAtFault() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 401, "Unauthorized");

    TaskStartResult.Failed failed = failById();

    assertThat(failed.kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(failed.message())
        .contains("client certificate (qrs.clientCert) or X-Qlik-User INTERNAL\\sa_api")
        .contains("(401): Unauthorized");
  }

  @Test
  void reportsA403WithoutXsrfAsTheUserOrCredentialBeingRefused() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 403, "Access denied");

    TaskStartResult.Failed failed = failById();

    assertThat(failed.kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(failed.message())
        .contains("for user INTERNAL\\sa_api (403): Access denied")
        .contains("the user may not do this, or the client certificate (qrs.clientCert)");
  }

  @Test
  void reportsA500AsAServerFailureQuotingAtMost200CharactersOfQrs() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 500, "x".repeat(1000));

    TaskStartResult.Failed failed = failById();

    assertThat(failed.kind()).isEqualTo(FailureKind.SERVER);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.message())
        .startsWith(
            "Task " + T + ": QRS answered 500 to POST /qrs/task/" + T + "/start/synchronous")
        .contains("x".repeat(200) + "…")
        .doesNotContain("x".repeat(201))
        .doesNotContain("xrfkey");
  }

  @Test
  void reportsA404FromAWrongPrefixAsNotFoundPointingAtTheVirtualProxy() {
    TaskStartResult.Failed failed =
        fail(
            QrsFixture.direct(emulator).virtualProxy("nope"),
            TaskStartRequest.of(new TaskSelector.ByName("Reload sales")));

    assertThat(failed.kind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(failed.message())
        .startsWith(
            "Looking up task named 'Reload sales': QRS answered 404 to GET /nope/qrs/task/full")
        .contains("qrs.virtualProxy");
  }

  @Test
  void reportsQrsDownAsANetworkFailureWithoutStatus() {
    QrsConfig.Builder config = QrsFixture.direct(emulator);
    emulator.close();

    TaskStartResult.Failed failed = fail(config, TaskStartRequest.ofIds(TaskId.parse(T)));

    assertThat(failed.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.httpStatus()).isZero();
    assertThat(failed.message()).contains("could not connect (").contains("(qrs.host, qrs.port)");
  }

  @Test
  void reportsALookupAnsweredTooLateAsATimeout() {
    emulator.faults().latency(Duration.ofSeconds(2));

    TaskStartResult.Failed failed =
        fail(
            QrsFixture.direct(emulator).requestTimeout(Duration.ofMillis(300)),
            TaskStartRequest.of(new TaskSelector.ByName("Reload sales")));

    assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(failed.message()).contains("got no answer within 300 ms (qrs.requestTimeout)");
  }

  @Test
  void reportsAStartAnsweredTooLateAsUncertainAndSendsItOnce() {
    emulator.faults().latency(Duration.ofSeconds(2));

    TaskStartResult.Failed failed;
    // Asked once whether it started (QRS answers that too late as well), then left uncertain.
    try (QrsTaskStarter starter =
        QrsTaskStarter.builder(
                QrsFixture.direct(emulator)
                    .requestTimeout(Duration.ofMillis(300))
                    .retry(QrsRetry.DEFAULT)
                    .build())
            .settleUnansweredWithin(Duration.ZERO)
            .build()) {
      failed =
          (TaskStartResult.Failed)
              starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);
    }

    assertThat(failed.kind()).isEqualTo(FailureKind.UNCERTAIN);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.message())
        .contains("got no answer within 300 ms (qrs.requestTimeout)")
        .endsWith("the task may have started, so it is not tried again (it would start twice)");
    // The lookup that would settle the doubt timed out as well, on each of its attempts.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> emulator.requests().stream().anyMatch(r -> r.method().equals("POST")));
    assertThat(emulator.requests()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
  }

  @Test
  void reportsAStartAfterCloseAsFailedInsteadOfThrowing() {
    QrsTaskStarter starter = QrsTaskStarter.create(QrsFixture.direct(emulator).build());
    starter.close();

    TaskStartResult result =
        starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);

    assertThat(((TaskStartResult.Failed) result).message()).contains("is closed");
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void namesTheHeaderOfARefusedHeaderAuthentication() {
    QrsEmulator proxied =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .virtualProxy("hdr", dev.taskwire.qrs.testkit.VirtualProxyAuth.header("hdr-usr"))
            .task(EmulatedTask.reload(T, "Reload sales"))
            .start();
    try (proxied) {
      TaskStartResult.Failed failed =
          fail(
              QrsConfig.builder()
                  .baseUri(URI.create(proxied.proxyBaseUri() + "/hdr"))
                  .authentication(QrsAuthentication.header("hdr-usr", "nobody"))
                  .rootCa(proxied.certificates().rootCa())
                  .retry(QrsRetry.NONE),
              TaskStartRequest.ofIds(TaskId.parse(T)));

      assertThat(failed.kind()).isEqualTo(FailureKind.AUTHORISATION);
      assertThat(failed.message())
          .contains("QRS did not accept the header hdr-usr for user nobody (qrs.headerAuth)")
          .contains("(401)");
    }
  }
}
