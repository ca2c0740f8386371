package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmulatedTaskTest {

  private static final String ID = "0C7D4F2E-9B1A-4C3D-8E5F-6A7B8C9D0E1F";

  @Test
  void startsEnabledVisibleToAllWithDefaultExecution() {
    EmulatedTask task = EmulatedTask.reload(ID, "Reload sales");

    assertThat(task.id()).isEqualTo(ID.toLowerCase());
    assertThat(task.taskType()).isEqualTo(EmulatedTask.RELOAD);
    assertThat(task.enabled()).isTrue();
    assertThat(task.isVisibleTo(null)).isTrue();
    assertThat(task.executionStatuses()).containsExactly(2, 7);
    assertThat(task.stepDuration()).isEqualTo(EmulatedTask.DEFAULT_STEP_DURATION);
  }

  @Test
  void returnsChangedCopiesAndLeavesTheOriginal() {
    EmulatedTask original = EmulatedTask.externalProgram(ID, "Copy files");

    EmulatedTask changed =
        original
            .tags("nightly", "finance")
            .customProperty("env", "prod")
            .customProperty("env", "test")
            .enabled(false)
            .visibleTo("INTERNAL\\Sa_Api")
            .execution(Duration.ofMillis(5), 2, 10, 8);

    assertThat(original.tagNames()).isEmpty();
    assertThat(original.enabled()).isTrue();
    assertThat(changed.taskType()).isEqualTo(EmulatedTask.EXTERNAL_PROGRAM);
    assertThat(changed.tagNames()).containsExactly("nightly", "finance");
    assertThat(changed.customProperties())
        .containsExactly(
            new EmulatedTask.CustomProperty("env", "prod"),
            new EmulatedTask.CustomProperty("env", "test"));
    assertThat(changed.enabled()).isFalse();
    assertThat(changed.isVisibleTo("internal\\SA_API")).isTrue();
    assertThat(changed.isVisibleTo("INTERNAL\\other")).isFalse();
    assertThat(changed.isVisibleTo(null)).isFalse();
    assertThat(changed.executionStatuses()).containsExactly(2, 10, 8);
  }

  @Test
  void refusesMalformedIdAndBlankName() {
    assertThatThrownBy(() -> EmulatedTask.reload("abc", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Task id 'abc' is not a GUID like 0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f");
    assertThatThrownBy(() -> EmulatedTask.reload(ID, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Task name of " + ID + " is blank; give it a name");
  }

  @Test
  void refusesUserWithoutDirectory() {
    EmulatedTask task = EmulatedTask.reload(ID, "Reload sales");

    assertThatThrownBy(() -> task.visibleTo("sa_api"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "User 'sa_api' of task " + ID.toLowerCase() + " is not written DIRECTORY\\userId");
  }

  @Test
  void refusesExecutionWithoutStatusOrWithUnknownStatus() {
    EmulatedTask task = EmulatedTask.reload(ID, "Reload sales");

    assertThatThrownBy(() -> task.execution(Duration.ofMillis(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no status");
    assertThatThrownBy(() -> task.execution(Duration.ofMillis(5), 2, 15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Execution status 15 of task");
    assertThatThrownBy(() -> task.execution(Duration.ofMillis(-5), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected zero or more");
  }
}
