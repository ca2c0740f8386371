package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.QrsTransportException;
import dev.taskwire.qrs.internal.RecentStarts.LastExecution;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentStartsTest {

  private static final TaskId T = TaskId.parse("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f");
  private static final Instant CALL = Instant.parse("2026-12-04T10:00:00Z");
  private static final QrsTransportException CUT_OFF =
      new QrsTransportException(
          "POST /qrs/task/x/start/synchronous: connection closed",
          FailureKind.NETWORK,
          true,
          new IOException("closed"));

  @Test
  void readsStatusAndStartTimeAndTakesQrssNoTimeForNone() {
    Map<TaskId, LastExecution> last =
        RecentStarts.read(
            "[{\"id\":\""
                + T.value()
                + "\",\"operational\":{\"lastExecutionResult\":"
                + "{\"status\":2,\"startTime\":\"2026-12-04T09:59:58.250Z\"}}},"
                + "{\"id\":\"5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3\",\"operational\":"
                + "{\"lastExecutionResult\":{\"status\":0,"
                + "\"startTime\":\"1753-01-01T00:00:00.000Z\"}}},"
                + "{\"id\":\"not-a-guid\"}]");

    assertThat(last).hasSize(2);
    assertThat(last.get(T))
        .isEqualTo(
            new LastExecution(ExecutionStatus.STARTED, Instant.parse("2026-12-04T09:59:58.250Z")));
    assertThat(last.get(TaskId.parse("5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3")))
        .isEqualTo(new LastExecution(ExecutionStatus.NEVER_STARTED, null));
  }

  @Test
  void holdsBackWhileRunningAndWithinTheWindowOnly() {
    RecentStarts window = new RecentStarts(Duration.ofSeconds(30));
    Instant now = CALL;

    assertThat(window.holdReason(null, now)).isNull();
    assertThat(window.holdReason(new LastExecution(ExecutionStatus.NEVER_STARTED, null), now))
        .isNull();
    assertThat(
            window.holdReason(
                new LastExecution(ExecutionStatus.RETRY, now.minus(Duration.ofHours(2))), now))
        .contains("already running (RETRY since");
    assertThat(
            window.holdReason(
                new LastExecution(ExecutionStatus.FINISHED_FAIL, now.minus(Duration.ofSeconds(29))),
                now))
        .contains("less than 30 s ago");
    assertThat(
            window.holdReason(
                new LastExecution(
                    ExecutionStatus.FINISHED_SUCCESS, now.minus(Duration.ofSeconds(30))),
                now))
        .isNull();
    assertThat(
            new RecentStarts(Duration.ZERO)
                .holdReason(
                    new LastExecution(ExecutionStatus.FINISHED_SUCCESS, now.minusMillis(1)), now))
        .isNull();
  }

  @Test
  void settlesAStartAsStartedWhenAnExecutionBeganAfterTheCallOrWithinTheClockTolerance() {
    LastExecution behindClock =
        new LastExecution(
            ExecutionStatus.TRIGGERED, CALL.minus(RecentStarts.CLOCK_TOLERANCE).plusMillis(1));

    assertThat(RecentStarts.settle(T, CUT_OFF, CALL, behindClock))
        .isEqualTo(new TaskStartResult.Started(T.value(), null));
  }

  @Test
  void settlesAStartAsNotStartedWhenAnEarlierExecutionIsStillRunning() {
    LastExecution earlier =
        new LastExecution(ExecutionStatus.STARTED, CALL.minus(Duration.ofMinutes(5)));

    assertThat(RecentStarts.settle(T, CUT_OFF, CALL, earlier))
        .isInstanceOfSatisfying(
            TaskStartResult.NotStarted.class,
            r -> assertThat(r.reason()).contains("running an execution that started at"));
  }

  @Test
  void settlesAStartAsARetryableFailureWhenNothingStartedSinceTheCall() {
    LastExecution finishedBefore =
        new LastExecution(ExecutionStatus.FINISHED_SUCCESS, CALL.minus(Duration.ofMinutes(5)));

    TaskStartResult result = RecentStarts.settle(T, CUT_OFF, CALL, finishedBefore);

    assertThat(result)
        .isInstanceOfSatisfying(
            TaskStartResult.Failed.class,
            failed -> {
              assertThat(failed.kind()).isEqualTo(FailureKind.NETWORK);
              assertThat(failed.retryable()).isTrue();
              assertThat(failed.message()).contains("connection closed").contains("safe to try");
            });
  }
}
