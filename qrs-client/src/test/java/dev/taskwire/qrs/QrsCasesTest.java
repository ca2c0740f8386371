package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.qrs.internal.QrsFailures;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.FaultScope;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases of shared/cases/qrs.md, each with the behaviour prescribed there. */
class QrsCasesTest {

  @TempDir Path directory;

  private QrsEmulator emulator;
  private QrsTaskStarter starter;

  @AfterEach
  void stop() {
    if (starter != null) {
      starter.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private QrsTaskStarter start(EmulatedTask... tasks) {
    emulator = QrsEmulator.builder().certificateDirectory(directory).tasks(List.of(tasks)).start();
    starter = QrsTaskStarter.create(QrsFixture.direct(emulator).build());
    return starter;
  }

  @Test
  void case1SendsOneAuthenticatedStartWithAMatchingXrfkey() {
    start(EmulatedTask.reload(T, "Reload sales"));

    TaskStartReport report = starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));

    assertThat(report.allStarted()).isTrue();
    List<RecordedRequest> requests = emulator.requests();
    assertThat(requests).hasSize(1);
    RecordedRequest start = requests.get(0);
    assertThat(start.method()).isEqualTo("POST");
    assertThat(start.path()).isEqualTo("/qrs/task/" + T + "/start/synchronous");
    assertThat(start.status()).isEqualTo(201);
    assertThat(start.user()).isEqualTo("INTERNAL\\sa_api");
    assertThat(start.clientCertificateSubject()).isNotNull();
    assertThat(start.header("X-Qlik-Xrfkey")).isEqualTo(start.queryParameter("xrfkey"));
  }

  @Test
  void case2NeverReachesQrsWithAPayloadThatIsNotATaskId() {
    start(EmulatedTask.reload(T, "Reload sales"));

    // The starter only takes TaskIds; "abc" cannot become one, so no request is ever built.
    assertThatThrownBy(() -> starter.start(TaskStartRequest.ofIds(TaskId.parse("abc"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'abc' is not a task ID (expected a GUID)");
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void case3UsesAFreshXrfkeyEachTimeAndOneHeaderSpelling() {
    start(EmulatedTask.reload(T, "Reload sales"));

    starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));
    starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));

    List<RecordedRequest> requests = emulator.requests();
    String first = requests.get(0).queryParameter("xrfkey").orElseThrow();
    String second = requests.get(1).queryParameter("xrfkey").orElseThrow();
    assertThat(first).matches("[A-Za-z0-9]{16}").isNotEqualTo(second);
    assertThat(second).matches("[A-Za-z0-9]{16}");
    for (RecordedRequest request : requests) {
      assertThat(request.headers().get("x-qlik-xrfkey")).hasSize(1);
      assertThat(request.header("x-qlik-xrfkey")).isEqualTo(request.queryParameter("xrfkey"));
    }
  }

  @Test
  void case4ReportsTheXsrfRefusalAsAuthorisationQuotingQrsAndNamingTheUserWithoutRetry() {
    start(EmulatedTask.reload(T, "Reload sales"));
    starter.close();
    starter = QrsTaskStarter.create(QrsFixture.direct(emulator).retry(QrsRetry.DEFAULT).build());
    emulator
        .faults()
        .failNext(
            FaultScope.TASK_STARTS,
            1,
            403,
            "XSRF prevention check failed. Possible XSRF discovered.");

    TaskStartResult result =
        starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);

    TaskStartResult.Failed failed = (TaskStartResult.Failed) result;
    assertThat(failed.kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.message())
        .contains("XSRF prevention check failed. Possible XSRF discovered.")
        .contains("INTERNAL\\sa_api")
        .contains("403");
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void case5ReportsNotFoundOrNotVisibleToTheUserDistinctFromAMalformedId() {
    start(EmulatedTask.reload(T, "Reload sales").visibleTo("INTERNAL\\userB"));
    QrsTaskStarter asA =
        QrsTaskStarter.create(QrsFixture.direct(emulator).user("INTERNAL", "userA").build());
    QrsTaskStarter asB =
        QrsTaskStarter.create(QrsFixture.direct(emulator).user("INTERNAL", "userB").build());

    TaskStartResult forA =
        asA.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);
    TaskStartResult forB =
        asB.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);

    assertThat(forB.started()).isTrue();
    TaskStartResult.Failed failed = (TaskStartResult.Failed) forA;
    assertThat(failed.kind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(failed.httpStatus()).isEqualTo(404);
    assertThat(failed.message()).contains("not found or not visible to INTERNAL\\userA");
  }

  @Test
  void case5MalformedIdInThePathIsABadRequestNotNotFound() {
    start(EmulatedTask.reload(T, "Reload sales"));

    // The starter only sends canonical IDs, so the client is asked directly here.
    QrsResponse response =
        starter.client().post("/qrs/task/not-a-guid/start", Map.of(), null).join();
    TaskStartResult.Failed failed =
        QrsFailures.of("not-a-guid", response, starter.client().config());

    assertThat(failed.kind()).isEqualTo(FailureKind.BAD_REQUEST);
    assertThat(failed.httpStatus()).isEqualTo(400);
    assertThat(failed.message()).contains("as malformed (400)").doesNotContain("not found");
  }

  @Test
  void case6PercentEncodesNamesInUtf8() {
    start(
        EmulatedTask.reload(T, "Extract&Transform"),
        EmulatedTask.reload("5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3", "Försäljning – daglig"));

    QrsResponse ampersand = starter.client().startByName("Extract&Transform").join();
    QrsResponse swedish = starter.client().startByName("Försäljning – daglig").join();
    TaskStartReport byLookup =
        starter.startAndWait(TaskStartRequest.of(new TaskSelector.ByName("Försäljning – daglig")));

    assertThat(ampersand.status()).isEqualTo(201);
    assertThat(swedish.status()).isEqualTo(201);
    assertThat(emulator.requests().get(0).rawQuery())
        .startsWith("name=Extract%26Transform&xrfkey=");
    assertThat(emulator.requests().get(1).rawQuery())
        .startsWith("name=F%C3%B6rs%C3%A4ljning%20%E2%80%93%20daglig&xrfkey=");
    assertThat(byLookup.results())
        .extracting(TaskStartResult::task)
        .containsExactly("5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3");
  }

  @Test
  void case7DoublesTheQuoteInsideTheFilterAndEncodesTheWholeFilter() {
    start(
        EmulatedTask.reload(T, "O'Brien daily"),
        EmulatedTask.reload(
            "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3", "O'Brien \"daily\" reload & more"));

    TaskStartReport simple =
        starter.startAndWait(TaskStartRequest.of(new TaskSelector.ByName("O'Brien daily")));
    TaskStartReport hard =
        starter.startAndWait(
            TaskStartRequest.of(new TaskSelector.ByName("O'Brien \"daily\" reload & more")));

    assertThat(simple.results()).extracting(TaskStartResult::task).containsExactly(T);
    assertThat(hard.results())
        .extracting(TaskStartResult::task)
        .containsExactly("5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3");
    RecordedRequest lookup = emulator.requests().get(0);
    assertThat(lookup.queryParameter("filter")).contains("name eq 'O''Brien daily'");
    assertThat(lookup.rawQuery()).doesNotContain("'").doesNotContain(" ");
  }

  @Test
  void case8ReportsTheAllZeroSessionAsNotStarted() {
    start(EmulatedTask.reload(T, "Reload sales").enabled(false));

    TaskStartResult result =
        starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);

    assertThat(result).isInstanceOf(TaskStartResult.NotStarted.class);
    assertThat(((TaskStartResult.NotStarted) result).reason())
        .isEqualTo(
            "QRS did not start the task: it is disabled, has no scheduler, or is already running");
    assertThat(result.started()).isFalse();
  }

  @Test
  void case9KeepsWaitingThroughRetryAndReportsFinishedFail() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(
                EmulatedTask.reload(T, "Reload sales").execution(Duration.ofMillis(150), 2, 10, 8))
            .start();
    starter =
        QrsTaskStarter.builder(QrsFixture.direct(emulator).build())
            .tracking(
                new ExecutionTracking(
                    Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(20)))
            .build();

    TaskStartResult result =
        starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);

    TaskStartResult.Started started = (TaskStartResult.Started) result;
    assertThat(started.execution()).isNotNull();
    assertThat(started.execution().status()).isEqualTo(ExecutionStatus.FINISHED_FAIL);
    assertThat(emulator.requests())
        .filteredOn(r -> r.path().equals("/qrs/executionresult"))
        .hasSizeGreaterThan(2);
  }

  @Test
  void case10FailsAtStartNamingTheSettingAndTheAbsolutePathOfAMissingCertificate() {
    emulator = QrsEmulator.builder().certificateDirectory(directory).start();
    Path missing = Path.of("certs/client.pem");

    assertThatThrownBy(
            () ->
                QrsConfig.builder()
                    .host("qlik.example.com")
                    .authentication(
                        QrsAuthentication.pem(missing, emulator.certificates().clientKey(), null))
                    .rootCa(emulator.certificates().rootCa())
                    .build())
        .isInstanceOf(TaskwireException.class)
        .hasMessage(
            "Client certificate file "
                + missing.toAbsolutePath()
                + " does not exist (qrs.clientCert)");
  }
}
