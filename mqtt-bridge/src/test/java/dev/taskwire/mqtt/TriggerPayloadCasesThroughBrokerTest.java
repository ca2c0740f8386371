package dev.taskwire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Every case of shared/cases/trigger-payloads.json, published through the real broker to one
 * running trigger, in one stream: each gets the prescribed outcome and none blocks the next.
 */
class TriggerPayloadCasesThroughBrokerTest {

  @Test
  void everyCaseGetsItsPrescribedOutcomeThroughTheBroker() throws IOException {
    List<JsonNode> cases = loadCases();
    String root = TestBroker.uniqueRoot();
    RecordingStarter starter = new RecordingStarter();
    OutcomeCollector outcomes = new OutcomeCollector();
    Mqtt5BlockingClient publisher = TestBroker.publisher();

    try (MqttTaskTrigger trigger =
        TestBroker.trigger(root).taskStarter(starter).listener(outcomes).build()) {
      trigger.startAndWait(Duration.ofSeconds(10));
      for (JsonNode testCase : cases) {
        byte[] payload = HexFormat.of().parseHex(testCase.get("payload_hex").asText());
        TestBroker.publish(publisher, root + "/start_task", payload);
      }

      List<TriggerOutcome> seen = outcomes.await(cases.size());

      List<String> expectedStarts = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        JsonNode expect = cases.get(i).get("expect");
        TriggerOutcome outcome = seen.get(i);
        String name = cases.get(i).get("name").asText();
        if (expect.has("start")) {
          assertThat(outcome.code()).as(name).isEqualTo("started");
          expect.get("start").forEach(id -> expectedStarts.add(id.asText()));
        } else if (expect.has("reject")) {
          assertThat(outcome).as(name).isInstanceOf(TriggerOutcome.Rejected.class);
          assertThat(((TriggerOutcome.Rejected) outcome).rejection().reason().code())
              .as(name)
              .isEqualTo(expect.get("reject").asText());
        } else {
          assertThat(outcome).as(name).isInstanceOf(TriggerOutcome.Ignored.class);
        }
      }
      assertThat(starter.startedIds()).containsExactlyElementsOf(expectedStarts);
    } finally {
      publisher.disconnect();
    }
  }

  private static List<JsonNode> loadCases() throws IOException {
    try (InputStream in =
        TriggerPayloadCasesThroughBrokerTest.class.getResourceAsStream(
            "/cases/trigger-payloads.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      return StreamSupport.stream(root.get("cases").spliterator(), false).toList();
    }
  }
}
