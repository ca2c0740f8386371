package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.ExecutionStatus;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way to select tasks, tracking to each final state, every error class, safe retries. */
class SelectionAndFailuresTest {

  private static final String FINANCE = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String INVENTORY = "9f8e7d6c-5b4a-4321-8fed-cba987654321";

  @TempDir Path directory;

  private QrsEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(
                EmulatedTask.reload(T, "Reload sales")
                    .tags("nightly")
                    .customProperty("env", "prod"))
            .task(
                EmulatedTask.reload(FINANCE, "Reload finance")
                    .tags("nightly")
                    .customProperty("env", "test"))
            .task(
                EmulatedTask.reload(INVENTORY, "Reload inventory")
                    .customProperty("env", "dev")
                    .customProperty("owner", "prod"))
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private TaskStartReport start(QrsConfig.Builder config, TaskStartRequest request) {
    try (QrsTaskStarter starter = QrsTaskStarter.create(config.build())) {
      return starter.startAndWait(request);
    }
  }

  private TaskStartReport start(TaskStartRequest request) {
    return start(QrsFixture.direct(emulator), request);
  }

  @Test
  void startsEveryTaskCarryingATagAndReportsEach() {
    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByTag("NIGHTLY")));

    assertThat(report.results())
        .extracting(TaskStartResult::task)
        .containsExactlyInAnyOrder(T, FINANCE);
    assertThat(report.allStarted()).isTrue();
  }

  @Test
  void checksTheCustomPropertyPairOnEachTaskFound() {
    TaskStartReport report =
        start(TaskStartRequest.of(new TaskSelector.ByCustomProperty("env", "prod")));

    // Inventory has env=dev and owner=prod: QRS's filter matches it, the pair does not.
    assertThat(report.results()).extracting(TaskStartResult::task).containsExactly(T);
  }

  @Test
  void reportsALookupThatMatchesNothingAsNotFound() {
    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByTag("weekly")));

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(failed.message())
        .isEqualTo("No task matches tag 'weekly' among the tasks visible to INTERNAL\\sa_api");
  }

  @Test
  void startsSeveralIdsInOneBatchCallWhenSynchronousStartIsOff() {
    try (QrsTaskStarter starter =
        QrsTaskStarter.builder(QrsFixture.direct(emulator).build())
            .synchronousStart(false)
            .build()) {
      TaskStartReport report =
          starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T), TaskId.parse(FINANCE)));

      assertThat(report.allStarted()).isTrue();
      assertThat(emulator.requests())
          .extracting(RecordedRequest::path)
          .containsExactly("/qrs/task/start/many");
      assertThat(emulator.requests().get(0).body())
          .isEqualTo("[\"" + T + "\",\"" + FINANCE + "\"]");
    }
  }

  @Test
  void tracksExecutionsToSuccessAbortAndSkip() {
    emulator.putTask(EmulatedTask.reload(T, "ok").execution(Duration.ofMillis(30), 2, 7));
    emulator.putTask(
        EmulatedTask.reload(FINANCE, "aborted").execution(Duration.ofMillis(30), 2, 4, 5, 6));
    emulator.putTask(EmulatedTask.reload(INVENTORY, "skipped").execution(Duration.ofMillis(30), 9));
    try (QrsTaskStarter starter =
        QrsTaskStarter.builder(QrsFixture.direct(emulator).build())
            .tracking(
                new ExecutionTracking(
                    Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(20)))
            .build()) {
      TaskStartReport report =
          starter.startAndWait(
              TaskStartRequest.ofIds(
                  TaskId.parse(T), TaskId.parse(FINANCE), TaskId.parse(INVENTORY)));

      assertThat(report.results())
          .extracting(r -> ((TaskStartResult.Started) r).execution().status())
          .containsExactly(
              ExecutionStatus.FINISHED_SUCCESS, ExecutionStatus.ABORTED, ExecutionStatus.SKIPPED);
    }
  }

  @Test
  void doesNotRetryAStartAnswered500() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 500, "Internal error");

    TaskStartReport report =
        start(
            QrsFixture.direct(emulator).retry(QrsRetry.DEFAULT),
            TaskStartRequest.ofIds(TaskId.parse(T)));

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.SERVER);
    assertThat(failed.message())
        .isEqualTo(
            "Task "
                + T
                + ": QRS answered 500 to POST /qrs/task/"
                + T
                + "/start/synchronous: Internal error");
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void retriesAStartAnswered503BecauseQrsDidNotAct() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 503, "Service unavailable");

    TaskStartReport report =
        start(
            QrsFixture.direct(emulator).retry(QrsRetry.DEFAULT),
            TaskStartRequest.ofIds(TaskId.parse(T)));

    assertThat(report.allStarted()).isTrue();
    assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(503, 201);
  }

  @Test
  void doesNotRetryAStartWhoseConnectionWasResetButRetriesALookup() {
    emulator.faults().resetNext(1);
    TaskStartReport start =
        start(
            QrsFixture.direct(emulator).retry(QrsRetry.DEFAULT),
            TaskStartRequest.ofIds(TaskId.parse(T)));
    emulator.faults().resetNext(1);
    TaskStartReport lookup =
        start(
            QrsFixture.direct(emulator).retry(QrsRetry.DEFAULT),
            TaskStartRequest.of(new TaskSelector.ByName("Reload sales")));

    TaskStartResult.Failed failed = (TaskStartResult.Failed) start.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.UNCERTAIN);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.message())
        .endsWith("the task may have started, so it is not tried again (it would start twice)");
    assertThat(lookup.allStarted()).isTrue();
  }

  @Test
  void reportsATimeoutWhenQrsAnswersTooLate() {
    emulator.faults().latency(Duration.ofSeconds(2));

    TaskStartReport report =
        start(
            QrsFixture.direct(emulator).requestTimeout(Duration.ofMillis(300)),
            TaskStartRequest.ofIds(TaskId.parse(T)));

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.UNCERTAIN);
    assertThat(failed.message()).contains("got no answer within 300 ms (qrs.requestTimeout)");
    // The one start arrives once the emulator's delay is over; no second one follows it.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !emulator.requests().isEmpty());
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void reportsANetworkFailureWhenQrsIsDownAndRetriesTheConnect() {
    QrsConfig.Builder config =
        QrsFixture.direct(emulator)
            .retry(new QrsRetry(2, Duration.ofMillis(10), Duration.ofMillis(10)));
    emulator.close();

    TaskStartReport report = start(config, TaskStartRequest.ofIds(TaskId.parse(T)));

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failed.message()).contains("could not connect (").contains("(qrs.host, qrs.port)");
    assertThat(failed.httpStatus()).isZero();
  }

  @Test
  void reportsA401NamingTheCredential() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 401, "Unauthorized");

    TaskStartResult.Failed failed =
        (TaskStartResult.Failed) start(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);

    assertThat(failed.kind()).isEqualTo(FailureKind.AUTHORISATION);
    assertThat(failed.message())
        .contains("client certificate (qrs.clientCert) or X-Qlik-User INTERNAL\\sa_api")
        .contains("401");
  }

  @Test
  void namesTheTaskEndpointStatusAndMessageOfABadRequest() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 400, "Bad request: something odd");

    TaskStartResult.Failed failed =
        (TaskStartResult.Failed) start(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);

    assertThat(failed.task()).isEqualTo(T);
    assertThat(failed.kind()).isEqualTo(FailureKind.BAD_REQUEST);
    assertThat(failed.message())
        .isEqualTo(
            "Task "
                + T
                + ": QRS refused POST /qrs/task/"
                + T
                + "/start/synchronous as malformed (400): Bad request: something odd");
    assertThat(List.of(failed.httpStatus())).containsExactly(400);
  }
}
