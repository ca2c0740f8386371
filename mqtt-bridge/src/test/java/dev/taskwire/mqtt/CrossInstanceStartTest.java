package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances in one shared subscription, each with its in-process duplicate window off, receive
 * bursts of triggers for one task: with {@code skipStartedWithin} on, QRS's task list is the state
 * they share, and the task starts once in all, both while it runs (where two instances that look at
 * the same moment both call start, and QRS refuses the second) and after it has finished within the
 * window (where no start call is made at all).
 */
class CrossInstanceStartTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final int BURST = 15;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final String root = TestBroker.uniqueRoot();
  private final String group = "taskwire-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<OutcomeCollector> collectors = new ArrayList<>();
  private final List<MqttTaskTrigger> instances = new ArrayList<>();
  private final List<QrsTaskStarter> starters = new ArrayList<>();
  private QrsEmulator emulator;
  private Mqtt5BlockingClient publisher;

  @AfterEach
  void stop() {
    instances.forEach(MqttTaskTrigger::close);
    starters.forEach(QrsTaskStarter::close);
    if (publisher != null) {
      publisher.disconnect();
    }
    emulator.close();
  }

  @Test
  void relatedTriggersOnTwoInstancesStartTheTaskOnce() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .refuseStartWhileRunning(true)
            .task(EmulatedTask.reload(T, "Reload sales").execution(Duration.ofMillis(200), 2, 7))
            .start();
    for (int i = 0; i < 2; i++) {
      QrsTaskStarter starter =
          QrsTaskStarter.builder(config()).skipStartedWithin(Duration.ofMinutes(1)).build();
      OutcomeCollector collector = new OutcomeCollector();
      MqttTaskTrigger instance =
          MqttTaskTrigger.builder()
              .broker(TestBroker.HOST, TestBroker.PORT)
              .clientId(group + "-" + i)
              .cleanStart(true)
              .sessionExpiry(Duration.ZERO)
              .rootTopicFilter("$share/" + group + "/" + root + "/#")
              .taskStartTopic(root + "/start_task")
              .taskStarter(starter)
              .duplicateWindow(Duration.ZERO)
              .listener(collector)
              .build();
      instance.startAndWait(Duration.ofSeconds(10));
      starters.add(starter);
      collectors.add(collector);
      instances.add(instance);
    }
    publisher = TestBroker.publisher();

    publishBurst();
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes().size() == BURST);
    await().atMost(Duration.ofSeconds(20)).until(() -> lastStatus() == 7);
    emulator.clearRequests();
    publishBurst();
    await().atMost(Duration.ofSeconds(20)).until(() -> outcomes().size() == 2 * BURST);

    List<TriggerOutcome> all = outcomes();
    assertThat(collectors).allSatisfy(c -> assertThat(c.all()).isNotEmpty());
    assertThat(all).filteredOn(o -> o.code().equals("started")).hasSize(1);
    assertThat(all)
        .filteredOn(o -> !o.code().equals("started"))
        .hasSize(2 * BURST - 1)
        .allSatisfy(o -> assertThat(o.code()).isEqualTo("not-started"));
    List<String> reasons =
        all.stream()
            .filter(o -> o instanceof TriggerOutcome.Completed)
            .flatMap(o -> ((TriggerOutcome.Completed) o).report().results().stream())
            .filter(r -> r instanceof TaskStartResult.NotStarted)
            .map(r -> ((TaskStartResult.NotStarted) r).reason())
            .toList();
    // While a start is under way in one instance, its later triggers there wait for it; all read
    // the task list and find the task running or recently started, or QRS refuses a racing start.
    assertThat(reasons)
        .hasSize(2 * BURST - 1)
        .anyMatch(reason -> reason.contains("last started at"))
        .allMatch(
            reason ->
                reason.contains("last started at")
                    || reason.contains("already running")
                    || reason.contains("QRS did not start the task"));
    // After the run, every trigger was held back by the task list alone: no start call was made.
    assertThat(emulator.requests()).filteredOn(r -> r.method().equals("POST")).isEmpty();
  }

  private void publishBurst() {
    for (int i = 0; i < BURST; i++) {
      TestBroker.publish(publisher, root + "/start_task", T.getBytes(UTF_8));
    }
  }

  private List<TriggerOutcome> outcomes() {
    List<TriggerOutcome> all = new ArrayList<>();
    collectors.forEach(c -> all.addAll(c.all()));
    return all;
  }

  private int lastStatus() throws Exception {
    String body = starters.get(0).client().get("/qrs/reloadtask/" + T, Map.of()).join().body();
    return JSON.readTree(body)
        .path("operational")
        .path("lastExecutionResult")
        .path("status")
        .asInt();
  }

  private QrsConfig config() {
    EmulatorCertificates files = emulator.certificates();
    return QrsConfig.builder()
        .baseUri(emulator.baseUri())
        .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
        .rootCa(files.rootCa())
        .build();
  }
}
