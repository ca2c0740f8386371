package dev.taskwire.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.mqtt.MqttTaskTrigger;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example works as written, against the real broker and the emulator. */
class EmbeddingExampleTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";

  @TempDir Path certificates;

  @Test
  void startsTheTaskNamedOnTheTaskStartTopic() {
    try (QrsEmulator emulator =
            QrsEmulator.builder()
                .certificateDirectory(certificates)
                .task(EmulatedTask.reload(T, "Reload sales"))
                .start();
        MqttTaskTrigger trigger =
            EmbeddingExample.start("localhost", emulator.port(), certificates, "127.0.0.1", 1883)) {
      Mqtt5BlockingClient publisher =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("example-" + UUID.randomUUID())
              .serverHost("127.0.0.1")
              .serverPort(1883)
              .buildBlocking();
      publisher.connect();

      publisher
          .publishWith()
          .topic("qliksense/start_task")
          .payload(T.getBytes(UTF_8))
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();

      await().atMost(Duration.ofSeconds(20)).until(() -> !emulator.requests().isEmpty());
      assertThat(emulator.requests().get(0).path())
          .isEqualTo("/qrs/task/" + T + "/start/synchronous");
      publisher.disconnect();
    }
  }
}
