package dev.taskwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionStatusTest {

  @Test
  void abortInProgressRetryAndDistributionAreNotFinal() {
    assertThat(List.of(1, 2, 3, 4, 5, 10, 13, 14))
        .allSatisfy(code -> assertThat(ExecutionStatus.ofCode(code).isFinal()).isFalse());
    assertThat(List.of(6, 7, 8, 9, 11, 12))
        .allSatisfy(code -> assertThat(ExecutionStatus.ofCode(code).isFinal()).isTrue());
  }

  @Test
  void mapsQrsCodesAndRefusesUnknownOnes() {
    assertThat(ExecutionStatus.ofCode(8)).isEqualTo(ExecutionStatus.FINISHED_FAIL);
    assertThatThrownBy(() -> ExecutionStatus.ofCode(15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown execution status code 15; QRS defines 0 to 14");
  }
}
