package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.TaskExecution;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following executions to their end: success, failure after a retry, abort, skip, timeout. */
class ExecutionTrackingTest {

  private static final ExecutionTracking QUICK =
      new ExecutionTracking(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(20));

  @TempDir Path directory;

  private QrsEmulator emulator;

  @AfterEach
  void stop() {
    emulator.close();
  }

  private TaskStartResult.Started track(EmulatedTask task, ExecutionTracking tracking) {
    emulator = QrsEmulator.builder().certificateDirectory(directory).task(task).start();
    try (QrsTaskStarter starter =
        QrsTaskStarter.builder(QrsFixture.direct(emulator).build()).tracking(tracking).build()) {
      return (TaskStartResult.Started)
          starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);
    }
  }

  @Test
  void followsAnExecutionToSuccessWithItsDuration() {
    TaskStartResult.Started started =
        track(EmulatedTask.reload(T, "ok").execution(Duration.ofMillis(40), 2, 7), QUICK);

    TaskExecution execution = started.execution();
    assertThat(execution.sessionId()).isEqualTo(started.executionSessionId());
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FINISHED_SUCCESS);
    assertThat(execution.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    assertThat(emulator.requests())
        .filteredOn(r -> r.path().equals("/qrs/executionresult"))
        .allSatisfy(
            r ->
                assertThat(r.queryParameter("filter"))
                    .contains("ExecutionId eq " + started.executionSessionId()));
  }

  @Test
  void waitsThroughRetryToTheFailureOfTheLastAttempt() {
    TaskStartResult.Started started =
        track(EmulatedTask.reload(T, "flaky").execution(Duration.ofMillis(40), 2, 10, 2, 8), QUICK);

    assertThat(started.execution().status()).isEqualTo(ExecutionStatus.FINISHED_FAIL);
  }

  @Test
  void waitsThroughRetryToTheSuccessOfTheLastAttempt() {
    TaskStartResult.Started started =
        track(EmulatedTask.reload(T, "flaky").execution(Duration.ofMillis(40), 2, 10, 2, 7), QUICK);

    assertThat(started.execution().status()).isEqualTo(ExecutionStatus.FINISHED_SUCCESS);
  }

  @Test
  void waitsThroughAnAbortInProgressToAborted() {
    // Long steps, so that the polls see AbortInitiated and Aborting: a poller that took them for
    // the end would report one of them. A loaded machine can only make polls miss them, never
    // make a right poller fail.
    TaskStartResult.Started started =
        track(
            EmulatedTask.reload(T, "aborted").execution(Duration.ofMillis(300), 2, 4, 5, 6), QUICK);

    assertThat(started.execution().status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void reportsASkippedExecution() {
    TaskStartResult.Started started =
        track(EmulatedTask.reload(T, "skipped").execution(Duration.ofMillis(40), 9), QUICK);

    assertThat(started.execution().status()).isEqualTo(ExecutionStatus.SKIPPED);
  }

  @Test
  void givesUpAtTheTimeoutWithTheLastStatusSeenWhichIsNotFinal() {
    ExecutionTracking brief =
        new ExecutionTracking(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(400));

    TaskStartResult.Started started =
        track(EmulatedTask.reload(T, "slow").execution(Duration.ofSeconds(10), 2, 7), brief);

    // The execution ends after 20 s; tracking gives up after 0.4 s, polling a bounded number of
    // times (20 ms to 40 ms apart).
    assertThat(started.execution().status().isFinal()).isFalse();
    assertThat(emulator.requests())
        .filteredOn(r -> r.path().equals("/qrs/executionresult"))
        .hasSizeBetween(1, 40);
  }
}
