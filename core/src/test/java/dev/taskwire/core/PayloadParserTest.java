package dev.taskwire.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadParserTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";

  private final PayloadParser parser = PayloadParser.create();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0C7D4F2E-9B1A-4C3D-8E5F-6A7B8C9D0E1F",
        "{0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f}",
        "'0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f'",
        "\uFEFF0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f\r\n",
        "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f\0",
        "[\"0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f\"]",
        "\" 0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f \""
      })
  void acceptsWhatRealProducersSendAndPassesOnlyTheCanonicalId(String payload) {
    ParseResult result = parser.parse(payload.getBytes(UTF_8));

    assertThat(idsOf(result)).containsExactly(T);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0c7d4f2e9b1a4c3d8e5f6a7b8c9d0e1f",
        "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f0",
        "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f extra",
        "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f\n0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f",
        "\"\"0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f\"\"",
        "../0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f"
      })
  void rejectsAnythingElseAsNotATaskIdOrNotJson(String payload) {
    ParseResult result = parser.parse(payload.getBytes(UTF_8));

    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) result).rejection().reason())
        .isIn(RejectReason.INVALID_TASK_ID, RejectReason.MALFORMED_JSON);
  }

  @Test
  void rejectsNonIdAndEchoesItWithControlCharactersEscaped() {
    ParseResult result = parser.parse("abc\u001b[31m".getBytes(UTF_8));

    Rejection rejection = ((ParseResult.Rejected) result).rejection();
    assertThat(rejection.reason()).isEqualTo(RejectReason.INVALID_TASK_ID);
    assertThat(rejection.message())
        .isEqualTo("Payload 'abc\\u001b[31m' is not a task ID (expected a GUID)");
  }

  @Test
  void readsTaskNameWithParameters() {
    ParseResult result =
        parser.parse(
            "{\"taskName\": \"Reload sales\", \"parameters\": {\"source\": \"erp\"}}"
                .getBytes(UTF_8));

    TaskStartRequest request = ((ParseResult.Parsed) result).request();
    assertThat(request.selector()).isEqualTo(new TaskSelector.ByName("Reload sales"));
    assertThat(request.parameters()).isEqualTo(Map.of("source", "erp"));
  }

  @Test
  void readsTagAndCustomProperty() {
    ParseResult byTag = parser.parse("{\"tag\":\"nightly\"}".getBytes(UTF_8));
    ParseResult byProperty =
        parser.parse("{\"customProperty\":{\"name\":\"env\",\"value\":\"prod\"}}".getBytes(UTF_8));

    assertThat(((ParseResult.Parsed) byTag).request().selector())
        .isEqualTo(new TaskSelector.ByTag("nightly"));
    assertThat(((ParseResult.Parsed) byProperty).request().selector())
        .isEqualTo(new TaskSelector.ByCustomProperty("env", "prod"));
  }

  @Test
  void rejectsTwoWaysOfNamingTasks() {
    ParseResult result = parser.parse(("{\"taskId\":\"" + T + "\",\"tag\":\"x\"}").getBytes(UTF_8));

    assertThat(((ParseResult.Rejected) result).rejection().reason())
        .isEqualTo(RejectReason.MISSING_TASK);
  }

  @Test
  void rejectsBadIdInsideTaskIds() {
    ParseResult result = parser.parse(("{\"taskIds\":[\"" + T + "\", 42]}").getBytes(UTF_8));

    Rejection rejection = ((ParseResult.Rejected) result).rejection();
    assertThat(rejection.reason()).isEqualTo(RejectReason.INVALID_TASK_ID);
    assertThat(rejection.message()).isEqualTo("Value 42 in 'taskIds' is not a task ID");
  }

  @Test
  void rejectsDeeplyNestedJsonWithoutFailing() {
    String deep = "{\"parameters\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    ParseResult result = parser.parse(deep.getBytes(UTF_8));

    assertThat(((ParseResult.Rejected) result).rejection().reason())
        .isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void rejectsPayloadOverTheLimitBeforeDecodingIt() {
    ParseResult result = PayloadParser.withLimit(1024).parse(new byte[1025]);

    Rejection rejection = ((ParseResult.Rejected) result).rejection();
    assertThat(rejection.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
    assertThat(rejection.message())
        .isEqualTo("Payload of 1025 bytes exceeds the limit of 1024 bytes");
  }

  @Test
  void rejectsDuplicateJsonKeys() {
    ParseResult result =
        parser.parse(("{\"taskId\":\"" + T + "\",\"taskId\":\"" + T + "\"}").getBytes(UTF_8));

    assertThat(((ParseResult.Rejected) result).rejection().reason())
        .isEqualTo(RejectReason.MALFORMED_JSON);
  }

  private static Object[] idsOf(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    TaskSelector.ById byId = (TaskSelector.ById) ((ParseResult.Parsed) result).request().selector();
    return byId.ids().stream().map(TaskId::value).toArray();
  }
}
