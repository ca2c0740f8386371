package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.FaultScope;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retries only where QRS cannot act twice, counted request by request at the emulator. (A start
 * dropped before the TLS handshake is retried too: see {@link ConnectionUseTest}.)
 */
class SafeRetryTest {

  private static final QrsRetry QUICK =
      new QrsRetry(3, Duration.ofMillis(5), Duration.ofMillis(20));

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

  private TaskStartReport start(TaskStartRequest request) {
    try (QrsTaskStarter starter =
        QrsTaskStarter.create(QrsFixture.direct(emulator).retry(QUICK).build())) {
      return starter.startAndWait(request);
    }
  }

  private TaskStartReport startById() {
    return start(TaskStartRequest.ofIds(TaskId.parse(T)));
  }

  @Test
  void doesNotRetryAStartAnswered500() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 500, "Internal error");

    TaskStartReport report = startById();

    assertThat(((TaskStartResult.Failed) report.results().get(0)).kind())
        .isEqualTo(FailureKind.SERVER);
    assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(500);
  }

  @Test
  void retriesAStartAnswered503BecauseQrsDidNotAct() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 503, "Service unavailable");

    TaskStartReport report = startById();

    assertThat(report.allStarted()).isTrue();
    assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(503, 201);
  }

  @Test
  void stopsRetryingA503AfterTheLastAttempt() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 5, 503, "Service unavailable");

    TaskStartReport report = startById();

    assertThat(((TaskStartResult.Failed) report.results().get(0)).kind())
        .isEqualTo(FailureKind.SERVER);
    assertThat(emulator.requests())
        .extracting(RecordedRequest::status)
        .containsExactly(503, 503, 503);
  }

  @Test
  void asksQrsAfterAStartCutOffAndReportsItSafeToRetryWhenNothingStarted() {
    emulator.faults().resetNext(1);

    TaskStartReport report = startById();

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.message()).contains("QRS lists no start of the task since the call");
    assertThat(emulator.requests())
        .extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(tuple("POST", RecordedRequest.NO_ANSWER), tuple("GET", 200));
  }

  @Test
  void reportsAStartWhoseAnswerWasLostAsStartedOnceQrsListsTheExecution() {
    emulator.faults().loseAnswerNext(FaultScope.TASK_STARTS, 1);

    TaskStartReport report = startById();

    assertThat(report.results())
        .singleElement()
        .isInstanceOfSatisfying(
            TaskStartResult.Started.class, started -> assertThat(started.task()).isEqualTo(T));
    assertThat(emulator.requests())
        .extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(tuple("POST", RecordedRequest.NO_ANSWER), tuple("GET", 200));
  }

  @Test
  void asksAgainWhileQrsCannotTellThenSettlesTheStart() {
    // The start is cut off; the lookup's first round (every attempt) is answered 503, the next 200.
    emulator
        .faults()
        .resetNext(1)
        .failNext(FaultScope.ALL_REQUESTS, QUICK.maxAttempts(), 503, "Service unavailable");

    TaskStartReport report = startById();

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.message()).contains("QRS lists no start of the task since the call");
    assertThat(emulator.requests())
        .extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(
            tuple("POST", RecordedRequest.NO_ANSWER),
            tuple("GET", 503),
            tuple("GET", 503),
            tuple("GET", 503),
            tuple("GET", 200));
  }

  @Test
  void leavesAStartUncertainAndUnretriedWhenQrsRefusesToTell() {
    // The start is cut off; QRS answers the lookup that would settle it with 403.
    emulator.faults().resetNext(1).failNext(FaultScope.ALL_REQUESTS, 1, 403, "Forbidden");

    TaskStartReport report = startById();

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.UNCERTAIN);
    assertThat(failed.retryable()).isFalse();
    assertThat(emulator.requests())
        .extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(tuple("POST", RecordedRequest.NO_ANSWER), tuple("GET", 403));
  }

  @Test
  void retriesAStartWhoseTlsHandshakeTimedOutBeforeSending() {
    emulator.faults().slowHandshake(Duration.ofSeconds(2));

    TaskStartReport report;
    try (QrsTaskStarter starter =
        QrsTaskStarter.create(
            QrsFixture.direct(emulator)
                .connectTimeout(Duration.ofMillis(200))
                .retry(QUICK)
                .build())) {
      report = starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));
    }

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(failed.message()).contains("could not connect within 200 ms (qrs.connectTimeout)");
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void doesNotRetryAnXsrfRefusal() {
    emulator.faults().failNext(1, 403, "XSRF prevention check failed. Possible XSRF discovered.");

    TaskStartReport report = startById();

    assertThat(((TaskStartResult.Failed) report.results().get(0)).kind())
        .isEqualTo(FailureKind.AUTHORISATION);
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void retriesALookupAnswered500ThenStartsOnce() {
    emulator.faults().failNext(1, 500, "Internal error");

    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByName("Reload sales")));

    assertThat(report.allStarted()).isTrue();
    assertThat(emulator.requests())
        .extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(tuple("GET", 500), tuple("GET", 200), tuple("POST", 201));
  }

  @Test
  void retriesALookupCutOffAfterItWasSent() {
    emulator.faults().resetNext(1);

    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByName("Reload sales")));

    assertThat(report.allStarted()).isTrue();
    assertThat(emulator.requests())
        .extracting(RecordedRequest::status)
        .containsExactly(RecordedRequest.NO_ANSWER, 200, 201);
  }
}
