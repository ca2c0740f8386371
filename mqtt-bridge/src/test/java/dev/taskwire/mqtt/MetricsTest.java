package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.mqtt.metrics.MicrometerTriggerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** After a mixed run, every counter equals what was published, rejected and started. */
class MetricsTest {

  @Test
  void countersMatchAMixedRun() {
    String root = TestBroker.uniqueRoot();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OutcomeCollector outcomes = new OutcomeCollector();
    Mqtt5BlockingClient publisher = TestBroker.publisher();
    List<String> good = List.of(id(), id(), id(), id(), id());
    List<String> bad = List.of("abc", "{\"task\": 1}", " ");

    try (MqttTaskTrigger trigger =
        TestBroker.trigger(root)
            .taskStarter(new RecordingStarter())
            .metrics(new MicrometerTriggerMetrics(registry, "test"))
            .listener(outcomes)
            .build()) {
      trigger.startAndWait(Duration.ofSeconds(10));
      good.forEach(id -> TestBroker.publish(publisher, root + "/start_task", id.getBytes(UTF_8)));
      bad.forEach(
          payload -> TestBroker.publish(publisher, root + "/start_task", payload.getBytes(UTF_8)));
      TestBroker.publish(publisher, root + "/start_task", good.get(0).getBytes(UTF_8));
      outcomes.await(good.size() + bad.size() + 1);

      assertThat(count(registry, "taskwire.triggers.received")).isEqualTo(9);
      assertThat(count(registry, "taskwire.triggers.accepted")).isEqualTo(5);
      assertThat(count(registry, "taskwire.tasks.started")).isEqualTo(5);
      assertThat(count(registry, "taskwire.triggers.ignored")).isEqualTo(1);
      assertThat(
              registry
                  .get("taskwire.triggers.rejected")
                  .tag("reason", "invalid-task-id")
                  .counter()
                  .count())
          .isEqualTo(1);
      assertThat(
              registry
                  .get("taskwire.triggers.rejected")
                  .tag("reason", "unknown-field")
                  .counter()
                  .count())
          .isEqualTo(1);
      assertThat(
              registry.get("taskwire.triggers.rejected").tag("reason", "empty").counter().count())
          .isEqualTo(1);
      assertThat(registry.get("taskwire.trigger.latency").timer().count()).isEqualTo(5);
      // One starter call per accepted request; the duplicate and the rejected ones make none.
      assertThat(registry.get("taskwire.start.call").timer().count()).isEqualTo(5);
      // Gauges must outlive a collection: Micrometer holds their objects weakly.
      System.gc();
      assertThat(registry.get("taskwire.connected").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get("taskwire.in.flight").gauge().value()).isZero();
      assertThat(registry.get("taskwire.queued").gauge().value()).isZero();
      assertThat(trigger.health().healthy()).isTrue();
      assertThat(trigger.health().lastStarted()).isNotNull();
    } finally {
      publisher.disconnect();
    }
  }

  @Test
  void listenersRunWithTheTriggersTopicMessageIdAndTasksInTheMdc() {
    String root = TestBroker.uniqueRoot();
    String id = id();
    java.util.concurrent.CompletableFuture<String> seen =
        new java.util.concurrent.CompletableFuture<>();
    Mqtt5BlockingClient publisher = TestBroker.publisher();

    try (MqttTaskTrigger trigger =
        TestBroker.trigger(root)
            .taskStarter(new RecordingStarter())
            .listener(
                o ->
                    seen.complete(
                        org.slf4j.MDC.get("taskwire.topic")
                            + " "
                            + org.slf4j.MDC.get("taskwire.tasks")
                            + " "
                            + (org.slf4j.MDC.get("taskwire.message").equals(o.context().messageId())
                                ? "same-id"
                                : "other-id " + org.slf4j.MDC.get("taskwire.message"))))
            .build()) {
      trigger.startAndWait(Duration.ofSeconds(10));
      TestBroker.publish(publisher, root + "/start_task", id.getBytes(UTF_8));

      assertThat(seen)
          .succeedsWithin(Duration.ofSeconds(10))
          .isEqualTo(root + "/start_task " + id + " same-id");
    } finally {
      publisher.disconnect();
    }
  }

  private static double count(SimpleMeterRegistry registry, String name) {
    return registry.get(name).counter().count();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
