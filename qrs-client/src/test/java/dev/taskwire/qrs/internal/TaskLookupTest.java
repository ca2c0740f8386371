package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import org.junit.jupiter.api.Test;

class TaskLookupTest {

  private static final String A = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String B = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";

  private static String task(String id, String... pairs) {
    StringBuilder properties = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      properties
          .append(properties.length() == 0 ? "" : ",")
          .append("{\"value\":\"")
          .append(pairs[i + 1])
          .append("\",\"definition\":{\"name\":\"")
          .append(pairs[i])
          .append("\"}}");
    }
    return "{\"id\":\"" + id + "\",\"customProperties\":[" + properties + "]}";
  }

  @Test
  void keepsOnlyTasksWhereOneCustomPropertyHasBothNameAndValue() {
    String body = "[" + task(A, "env", "PROD") + "," + task(B, "env", "dev", "owner", "prod") + "]";

    assertThat(TaskLookup.matching(new TaskSelector.ByCustomProperty("env", "prod"), body))
        .containsExactly(TaskId.parse(A));
  }

  @Test
  void keepsEveryTaskFoundByNameOrTagOnceInQrsOrder() {
    String body = "[" + task(B) + "," + task(A) + "," + task(B) + "]";

    assertThat(TaskLookup.matching(new TaskSelector.ByTag("nightly"), body))
        .containsExactly(TaskId.parse(B), TaskId.parse(A));
  }

  @Test
  void refusesABodyThatIsNotATaskList() {
    assertThatThrownBy(() -> TaskLookup.matching(new TaskSelector.ByName("x"), "{\"value\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaskLookup.matching(new TaskSelector.ByName("x"), "<html>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saysWhatWasSoughtInWords() {
    assertThat(TaskLookup.sought(new TaskSelector.ByTag("x"))).isEqualTo("tag 'x'");
    assertThat(TaskLookup.sought(new TaskSelector.ByName("y"))).isEqualTo("name 'y'");
    assertThat(TaskLookup.sought(new TaskSelector.ByCustomProperty("env", "prod")))
        .isEqualTo("custom property env='prod'");
  }
}
