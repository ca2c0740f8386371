package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.TaskExecution;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecutionRowsTest {

  private static final String S = "11111111-2222-3333-4444-555555555555";

  private static String row(int status, String start, long duration) {
    return "{\"status\":"
        + status
        + ",\"startTime\":\""
        + start
        + "\",\"duration\":"
        + duration
        + "}";
  }

  @Test
  void hasNothingToSayBeforeTheFirstRow() {
    assertThat(ExecutionRows.read(S, "[]")).isEmpty();
  }

  @Test
  void takesTheFinalRowOverAnEarlierRetryWhateverTheOrder() {
    String body =
        "["
            + row(8, "2026-01-01T10:00:05.000Z", 300)
            + ","
            + row(10, "2026-01-01T10:00:00.000Z", 200)
            + "]";

    TaskExecution execution = ExecutionRows.read(S, body).orElseThrow();

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FINISHED_FAIL);
    assertThat(execution.duration()).isEqualTo(Duration.ofMillis(500));
    assertThat(execution.sessionId()).isEqualTo(S);
  }

  @Test
  void takesTheRowStartedLastWhileNothingIsFinal() {
    String body =
        "["
            + row(2, "2026-01-01T10:00:05.000Z", 0)
            + ","
            + row(10, "2026-01-01T10:00:00.000Z", 200)
            + "]";

    assertThat(ExecutionRows.read(S, body).orElseThrow().status())
        .isEqualTo(ExecutionStatus.STARTED);
  }

  @Test
  void treatsAbortInProgressRetryAndDistributionAsNotFinal() {
    for (int status : new int[] {1, 2, 3, 4, 5, 10, 13, 14}) {
      String body = "[" + row(status, "2026-01-01T10:00:00.000Z", 0) + "]";

      assertThat(ExecutionRows.read(S, body).orElseThrow().status().isFinal()).isFalse();
    }
  }

  @Test
  void refusesRowsItCannotRead() {
    assertThatThrownBy(() -> ExecutionRows.read(S, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecutionRows.read(S, "[{\"id\":1}]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecutionRows.read(S, "[" + row(99, "x", 0) + "]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
