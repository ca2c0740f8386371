package dev.taskwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of shared/cases/trigger-payloads.json, with the outcome it prescribes. */
class TriggerPayloadCasesTest {

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in =
        TriggerPayloadCasesTest.class.getResourceAsStream("/cases/trigger-payloads.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      return StreamSupport.stream(root.get("cases").spliterator(), false)
          .map(c -> Arguments.of(c.get("name").asText(), c));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesAsTheCasePrescribes(String name, JsonNode testCase) {
    byte[] payload = HexFormat.of().parseHex(testCase.get("payload_hex").asText());
    JsonNode expect = testCase.get("expect");

    ParseResult result = PayloadParser.create().parse(payload);

    if (expect.has("start")) {
      List<String> expected =
          StreamSupport.stream(expect.get("start").spliterator(), false)
              .map(JsonNode::asText)
              .toList();
      assertThat(result).isInstanceOf(ParseResult.Parsed.class);
      TaskSelector selector = ((ParseResult.Parsed) result).request().selector();
      assertThat(selector).isInstanceOf(TaskSelector.ById.class);
      assertThat(((TaskSelector.ById) selector).ids())
          .extracting(TaskId::value)
          .containsExactlyElementsOf(expected);
    } else if (expect.has("reject")) {
      assertThat(result).isInstanceOf(ParseResult.Rejected.class);
      assertThat(((ParseResult.Rejected) result).rejection().reason().code())
          .isEqualTo(expect.get("reject").asText());
    } else {
      assertThat(result).isInstanceOf(ParseResult.Ignored.class);
      assertThat(((ParseResult.Ignored) result).reason()).isEqualTo(expect.get("ignore").asText());
    }
  }
}
