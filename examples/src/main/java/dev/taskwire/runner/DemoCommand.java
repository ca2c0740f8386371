package dev.taskwire.runner;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TaskStarter;
import dev.taskwire.mqtt.MqttTaskTrigger;
import dev.taskwire.mqtt.MqttVersion;
import dev.taskwire.mqtt.TriggerOutcome;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code demo}: an embedded MQTT broker, a QRS emulator over mutual TLS and a trigger, all in this
 * process. A separate MQTT client publishes the emulator's task IDs one after another, then a bad
 * payload; the demo prints a line per outcome, with the time from publish to the start request
 * reaching QRS. The first start includes the TLS handshake with QRS; the others reuse the
 * connection.
 */
final class DemoCommand {

  private static final String START_TOPIC = "qliksense/start_task";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private DemoCommand() {}

  static int run(List<String> options, PrintStream out) {
    Main.requireKnown(options, List.of());
    List<EmulatedTask> tasks = EmulatorCommand.SAMPLE_TASKS;
    BlockingQueue<TriggerOutcome> outcomes = new LinkedBlockingQueue<>();

    try (EmbeddedBroker broker = EmbeddedBroker.start();
        QrsEmulator emulator =
            QrsEmulator.builder().certificateDirectory(temporaryDirectory()).tasks(tasks).start();
        TaskStarter starter = Starters.forEmulator(emulator);
        MqttTaskTrigger trigger =
            MqttTaskTrigger.builder()
                .broker("127.0.0.1", broker.port())
                .mqttVersion(MqttVersion.V3_1_1)
                .cleanStart(true)
                .rootTopicFilter("qliksense/#")
                .taskStartTopic(START_TOPIC)
                .taskStarter(starter)
                .listener(outcomes::add)
                .build()) {
      out.printf(
          "taskwire demo: MQTT broker on 127.0.0.1:%d, QRS emulator on %s%n",
          broker.port(), emulator.baseUri());
      trigger.startAndWait(Duration.ofSeconds(10));
      Mqtt3BlockingClient publisher = connectPublisher(broker.port());

      int started = 0;
      for (EmulatedTask task : tasks) {
        Instant publishedAt = Instant.now();
        publish(publisher, task.id());
        started += report(next(outcomes), publishedAt, emulator, out);
      }
      publish(publisher, "not-a-task-id");
      report(next(outcomes), Instant.now(), emulator, out);
      publisher.disconnect();

      out.printf(
          "%d of %d tasks started; the bad payload was rejected. Done.%n", started, tasks.size());
      return started == tasks.size() ? 0 : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static Mqtt3BlockingClient connectPublisher(int port) {
    Mqtt3BlockingClient publisher =
        MqttClient.builder()
            .useMqttVersion3()
            .identifier("taskwire-demo-publisher")
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildBlocking();
    publisher.connect();
    return publisher;
  }

  private static void publish(Mqtt3BlockingClient publisher, String payload) {
    publisher
        .publishWith()
        .topic(START_TOPIC)
        .payload(payload.getBytes(UTF_8))
        .qos(MqttQos.AT_LEAST_ONCE)
        .send();
  }

  private static TriggerOutcome next(BlockingQueue<TriggerOutcome> outcomes)
      throws InterruptedException {
    TriggerOutcome outcome = outcomes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (outcome == null) {
      throw new IllegalStateException("No outcome within " + WAIT.toSeconds() + " s");
    }
    return outcome;
  }

  /** Prints the outcome; returns how many tasks it started. */
  private static int report(
      TriggerOutcome outcome, Instant publishedAt, QrsEmulator emulator, PrintStream out) {
    if (outcome instanceof TriggerOutcome.Rejected rejected) {
      out.printf(
          "rejected  %-36s  %s%n",
          rejected.rejection().reason().code(), rejected.rejection().message());
      return 0;
    }
    if (!(outcome instanceof TriggerOutcome.Completed completed)) {
      out.printf("%-9s %s%n", outcome.code(), outcome);
      return 0;
    }
    int started = 0;
    for (TaskStartResult result : completed.report().results()) {
      if (result instanceof TaskStartResult.Started) {
        Instant arrived = arrival(emulator, result.task());
        String latency =
            arrived == null
                ? "?"
                : String.format("%.1f ms", Duration.between(publishedAt, arrived).toNanos() / 1e6);
        out.printf("started   %s  publish-to-start %s%n", result.task(), latency);
        started++;
      } else {
        out.printf("%-9s %s%n", completed.code(), result);
      }
    }
    return started;
  }

  /**
   * When the emulator received the start of {@code task}. It records a request before it answers,
   * so once the start is reported the request is there (its listener, by contrast, is told after
   * the answer, which can be after the outcome).
   */
  private static @Nullable Instant arrival(QrsEmulator emulator, String task) {
    for (RecordedRequest request : emulator.requests()) {
      // Start calls look like /qrs/task/<id>/start or /qrs/task/<id>/start/synchronous.
      String[] parts = request.path().split("/");
      if (parts.length >= 5
          && "task".equals(parts[2])
          && task.equals(parts[3])
          && "start".equals(parts[4])) {
        return request.receivedAt();
      }
    }
    return null;
  }

  private static Path temporaryDirectory() {
    try {
      Path directory = Files.createTempDirectory("taskwire-demo");
      directory.toFile().deleteOnExit();
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("No temporary folder for the demo's certificates", e);
    }
  }
}
