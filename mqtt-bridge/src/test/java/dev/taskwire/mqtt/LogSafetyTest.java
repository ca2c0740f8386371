package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.FilterChain;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names, tags and topics from a message reach the log lines escaped and cut: a payload cannot forge
 * a log line or flood one.
 */
class LogSafetyTest {

  @TempDir Path directory;

  @Test
  void valuesFromJsonPayloadsAndLongTopicsAreLoggedEscapedAndCut() throws Exception {
    String root = TestBroker.uniqueRoot();
    String forged = "x\u001b[2J\n2026-12-04 10:00:00.000 [main] INFO forged line";
    String longTag = "T".repeat(60_000);
    OutcomeCollector outcomes = new OutcomeCollector();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, UTF_8));
    Mqtt5BlockingClient publisher = TestBroker.publisher();
    try (QrsEmulator emulator =
            QrsEmulator.builder()
                .certificateDirectory(directory)
                .task(EmulatedTask.reload("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f", "Reload sales"))
                .start();
        QrsTaskStarter starter = QrsTaskStarter.create(config(emulator.certificates(), emulator));
        MqttTaskTrigger trigger =
            TestBroker.trigger(root)
                .taskStarter(starter)
                .filters(FilterChain.empty())
                .route(new TaskStartRoute(root + "/long/#", starter, FilterChain.empty(), false))
                .listener(outcomes)
                .build()) {
      trigger.startAndWait(Duration.ofSeconds(10));

      publish(publisher, root + "/start_task", "{\"taskName\":\"" + json(forged) + "\"}");
      publish(publisher, root + "/start_task", "{\"tag\":\"" + longTag + "\"}");
      publish(publisher, root + "/long/" + "L".repeat(30_000), "{\"taskName\":\"nothing\"}");
      outcomes.await(3);
    } finally {
      publisher.disconnect();
      System.setErr(originalErr);
    }

    List<String> lines = captured.toString(UTF_8).lines().toList();
    assertThat(lines).noneMatch(line -> line.contains("\u001b"));
    assertThat(lines).noneMatch(line -> line.startsWith("2026-12-04 10:00:00.000 [main] INFO"));
    assertThat(lines).anyMatch(line -> line.contains("x\\u001b[2J\\u000a2026-12-04"));
    assertThat(lines).allMatch(line -> line.length() < 2_000, "every line under 2,000 characters");
    // The QRS lookups themselves were made with the whole values.
    assertThat(outcomes.all()).extracting(TriggerOutcome::code).containsOnly("failed");
  }

  private static void publish(Mqtt5BlockingClient publisher, String topic, String payload) {
    TestBroker.publish(publisher, topic, payload.getBytes(UTF_8));
  }

  private static String json(String text) {
    return text.replace("\u001b", "\\u001b").replace("\n", "\\n");
  }

  private static QrsConfig config(EmulatorCertificates files, QrsEmulator emulator) {
    return QrsConfig.builder()
        .baseUri(emulator.baseUri())
        .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
        .rootCa(files.rootCa())
        .build();
  }
}
