package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsRetry;
import dev.taskwire.qrs.QrsTaskStarter;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.FaultScope;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QRS failing in every way while triggers arrive: each published trigger is accounted for, started
 * exactly once or reported as given up, none silently dropped.
 */
class QrsFaultsTest {

  private static final int TRIGGERS = 20;

  @TempDir Path directory;

  private final String root = TestBroker.uniqueRoot();
  private final OutcomeCollector outcomes = new OutcomeCollector();
  private final List<String> ids = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger retries =
      new java.util.concurrent.atomic.AtomicInteger();
  private QrsEmulator emulator;
  private QrsTaskStarter starter;
  private MqttTaskTrigger trigger;
  private Mqtt5BlockingClient publisher;

  @AfterEach
  void stop() {
    if (publisher != null) {
      publisher.disconnect();
    }
    trigger.close();
    starter.close();
    emulator.close();
  }

  private void startAll(int port) {
    List<EmulatedTask> tasks = new ArrayList<>();
    for (int i = 0; i < TRIGGERS; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      tasks.add(EmulatedTask.reload(id, "Task " + i));
    }
    emulator = emulator(port, tasks);
    EmulatorCertificates files = emulator.certificates();
    starter =
        QrsTaskStarter.create(
            QrsConfig.builder()
                .baseUri(emulator.baseUri())
                .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
                .rootCa(files.rootCa())
                .retry(QrsRetry.NONE)
                .build());
    trigger =
        TestBroker.trigger(root)
            .taskStarter(starter)
            .retryPolicy(new RetryPolicy(8, Duration.ofMillis(100), Duration.ofMillis(400)))
            .metrics(
                new TriggerMetrics() {
                  @Override
                  public void retried() {
                    retries.incrementAndGet();
                  }
                })
            .listener(outcomes)
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));
    publisher = TestBroker.publisher();
  }

  private QrsEmulator emulator(int port, List<EmulatedTask> tasks) {
    return QrsEmulator.builder().certificateDirectory(directory).port(port).tasks(tasks).start();
  }

  private void publishAll() {
    ids.forEach(id -> TestBroker.publish(publisher, root + "/start_task", id.getBytes(UTF_8)));
  }

  @Test
  void startsEveryTriggerOnceThroughServerErrors() {
    startAll(0);
    emulator.faults().failNext(FaultScope.TASK_STARTS, 4, 500, "Internal error");

    publishAll();

    assertEveryTriggerStartedExactlyOnce(outcomes.await(TRIGGERS));
  }

  @Test
  void startsEveryTriggerOnceWhenStartAnswersAreLostOnTheWayBack() {
    startAll(0);
    emulator.faults().loseAnswerNext(FaultScope.TASK_STARTS, 3);

    publishAll();

    List<TriggerOutcome> seen = outcomes.await(TRIGGERS);
    assertThat(seen).allSatisfy(o -> assertThat(o.code()).isEqualTo("started"));
    // QRS acted on each lost start; asked afterwards, it lists the execution, so none is resent.
    assertThat(startCallsByTask(r -> true).values()).hasSize(TRIGGERS).containsOnly(1L);
    assertThat(startCallsByTask(r -> r.status() == RecordedRequest.NO_ANSWER)).hasSize(3);
  }

  @Test
  void startsEveryTriggerOnceWhenStartsAreCutOffBeforeQrsActs() {
    startAll(0);
    emulator.faults().resetNext(FaultScope.TASK_STARTS, 3);

    publishAll();

    List<TriggerOutcome> seen = outcomes.await(TRIGGERS);
    assertThat(seen).allSatisfy(o -> assertThat(o.code()).isEqualTo("started"));
    assertThat(startCallsByTask(r -> r.status() == RecordedRequest.NO_ANSWER)).hasSize(3);
    // QRS lists no start after a cut-off call, so the start is sent again, and answered once.
    assertThat(startCallsByTask(r -> r.status() == 201).values())
        .hasSize(TRIGGERS)
        .containsOnly(1L);
  }

  private Map<String, Long> startCallsByTask(java.util.function.Predicate<RecordedRequest> which) {
    return emulator.requests().stream()
        .filter(r -> r.path().endsWith("/start/synchronous"))
        .filter(which)
        .collect(Collectors.groupingBy(r -> r.path().split("/")[3], Collectors.counting()));
  }

  @Test
  void startsEveryTriggerOnceWhenQrsComesBackAfterBeingDown() {
    startAll(0);
    int port = emulator.port();
    List<EmulatedTask> tasks = emulator.tasks();
    emulator.close();

    publishAll();
    // Every trigger has failed at least once before QRS comes back.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> retries.get() >= TRIGGERS);
    emulator = emulator(port, tasks);

    assertEveryTriggerStartedExactlyOnce(outcomes.await(TRIGGERS));
  }

  @Test
  void startsEveryTriggerWhenQrsIsSlow() {
    startAll(0);
    emulator.faults().latency(Duration.ofMillis(300));

    publishAll();

    assertEveryTriggerStartedExactlyOnce(outcomes.await(TRIGGERS));
  }

  @Test
  void reportsEveryTriggerAsDeadLetterWhenQrsStaysDown() {
    startAll(0);
    emulator.faults().failNext(FaultScope.TASK_STARTS, 10_000, 503, "Down for maintenance");

    publishAll();

    List<TriggerOutcome> seen = outcomes.await(TRIGGERS);
    assertThat(seen)
        .hasSize(TRIGGERS)
        .allSatisfy(o -> assertThat(o.code()).isEqualTo("dead-letter"));
    assertThat(seen)
        .allSatisfy(o -> assertThat(((TriggerOutcome.DeadLettered) o).attempts()).isEqualTo(8));
  }

  private void assertEveryTriggerStartedExactlyOnce(List<TriggerOutcome> seen) {
    Map<String, Long> outcomesPerTask =
        seen.stream()
            .flatMap(o -> ((TriggerOutcome.Completed) o).report().results().stream())
            .collect(Collectors.groupingBy(TaskStartResult::task, Collectors.counting()));
    Map<String, Long> startsAtQrs =
        emulator.requests().stream()
            .filter(r -> r.status() == 201)
            .map(RecordedRequest::path)
            .map(path -> path.split("/")[3])
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(seen).allSatisfy(o -> assertThat(o.code()).isEqualTo("started"));
    assertThat(outcomesPerTask.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(outcomesPerTask.values()).containsOnly(1L);
    assertThat(startsAtQrs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(startsAtQrs.values()).containsOnly(1L);
  }
}
