package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import java.util.List;
import org.junit.jupiter.api.Test;

class QrsFilterTest {

  @Test
  void doublesEachQuoteInsideALiteral() {
    assertThat(QrsFilter.literal("O'Brien's 'daily'")).isEqualTo("'O''Brien''s ''daily'''");
  }

  @Test
  void leavesOtherCharactersToTheUrlEncoding() {
    assertThat(QrsFilter.literal("\"daily\" & more #1")).isEqualTo("'\"daily\" & more #1'");
  }

  @Test
  void looksUpByNameTagAndCustomProperty() {
    assertThat(QrsFilter.of(new TaskSelector.ByName("O'Brien daily")))
        .isEqualTo("name eq 'O''Brien daily'");
    assertThat(QrsFilter.of(new TaskSelector.ByTag("night's")))
        .isEqualTo("tags.name eq 'night''s'");
    assertThat(QrsFilter.of(new TaskSelector.ByCustomProperty("env", "prod")))
        .isEqualTo(
            "(customProperties.definition.name eq 'env') and (customProperties.value eq 'prod')");
  }

  @Test
  void needsNoLookupForIds() {
    TaskSelector byId =
        new TaskSelector.ById(List.of(TaskId.parse("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f")));

    assertThatThrownBy(() -> QrsFilter.of(byId)).isInstanceOf(IllegalArgumentException.class);
  }
}
