package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.FilterChain;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A corpus of malformed payloads and topics interleaved with good triggers: every good one starts,
 * every bad one is rejected with a reason, and nothing is kept from the large ones.
 */
class BadInputTest {

  @Test
  void rejectsEveryBadMessageWithAReasonAndStartsEveryGoodOne() {
    String root = TestBroker.uniqueRoot();
    RecordingStarter starter = new RecordingStarter();
    OutcomeCollector outcomes = new OutcomeCollector();
    Mqtt5BlockingClient publisher = TestBroker.publisher();
    byte[] oneMebibyte = new byte[1024 * 1024];
    Arrays.fill(oneMebibyte, (byte) 'a');
    List<byte[]> bad =
        List.of(
            " \t\r\n".getBytes(UTF_8),
            oneMebibyte,
            new byte[] {(byte) 0xc3, (byte) 0x28, 0x41},
            ("{\"parameters\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(501)).getBytes(UTF_8),
            "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f\u0000\u0007\u001b[2J".getBytes(UTF_8),
            "{\"taskId\":\"0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f\",\"rm -rf\":1}".getBytes(UTF_8),
            "\"unterminated".getBytes(UTF_8));
    List<String> good = new ArrayList<>();

    try (MqttTaskTrigger trigger =
        TestBroker.trigger(root)
            .taskStarter(starter)
            .filters(FilterChain.empty())
            .route(new TaskStartRoute(root + "/start/+", starter, FilterChain.empty(), true))
            // The corpus repeats itself; the duplicate window would rightly ignore the repeats.
            .duplicateWindow(Duration.ZERO)
            .listener(outcomes)
            .build()) {
      trigger.startAndWait(Duration.ofSeconds(10));
      long heapBefore = usedHeapAfterGc();

      for (int round = 0; round < 10; round++) {
        for (byte[] payload : bad) {
          TestBroker.publish(publisher, root + "/start_task", payload);
          String id = UUID.randomUUID().toString();
          good.add(id);
          TestBroker.publish(publisher, root + "/start_task", id.getBytes(UTF_8));
        }
        TestBroker.publish(publisher, root + "/start/" + "x".repeat(20_000), "go".getBytes(UTF_8));
        TestBroker.publish(publisher, root + "/elsewhere/" + "y".repeat(20_000), oneMebibyte);
      }

      int rejectedExpected = 10 * (bad.size() + 1);
      List<TriggerOutcome> seen = outcomes.await(good.size() + rejectedExpected);
      long heapAfter = usedHeapAfterGc();

      List<TriggerOutcome.Rejected> rejected =
          seen.stream()
              .filter(o -> o instanceof TriggerOutcome.Rejected)
              .map(TriggerOutcome.Rejected.class::cast)
              .toList();
      assertThat(rejected).hasSize(rejectedExpected);
      assertThat(rejected)
          .extracting(r -> r.rejection().reason().code())
          .containsOnly(
              "empty",
              "payload-too-large",
              "not-utf8",
              "malformed-json",
              "invalid-task-id",
              "unknown-field");
      assertThat(rejected)
          .allSatisfy(r -> assertThat(r.rejection().message()).hasSizeLessThan(400));
      assertThat(starter.startedIds()).containsExactlyInAnyOrderElementsOf(good);
      assertThat(trigger.queued()).isZero();
      // 20 MiB of payload passed through; none of it may stay behind.
      assertThat(heapAfter - heapBefore).isLessThan(16L * 1024 * 1024);
    } finally {
      publisher.disconnect();
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
