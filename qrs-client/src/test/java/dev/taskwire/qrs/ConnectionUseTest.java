package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the client uses connections: reused, bounded in number, and retried when never used. */
class ConnectionUseTest {

  @TempDir Path directory;

  private QrsEmulator emulator;
  private TcpRelay relay;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(EmulatedTask.reload(T, "Reload sales"))
            .start();
    relay = TcpRelay.to(emulator.port());
  }

  @AfterEach
  void stop() {
    relay.close();
    emulator.close();
  }

  private QrsConfig.Builder throughRelay() {
    return QrsFixture.direct(emulator).baseUri(relay.baseUri());
  }

  @Test
  void reusesOneConnectionForStartsInSequence() {
    try (QrsTaskStarter starter = QrsTaskStarter.create(throughRelay().build())) {
      for (int i = 0; i < 10; i++) {
        assertThat(starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).allStarted())
            .isTrue();
      }
    }

    assertThat(emulator.requests()).hasSize(10);
    assertThat(relay.accepted()).isEqualTo(1);
  }

  @Test
  void keepsRequestsInFlightWithinTheLimitWithoutBlockingTheCaller() throws Exception {
    emulator.faults().latency(Duration.ofMillis(100));
    List<CompletableFuture<TaskStartReport>> starts = new ArrayList<>();

    try (QrsTaskStarter starter =
        QrsTaskStarter.create(throughRelay().maxConcurrentRequests(4).build())) {
      for (int i = 0; i < 40; i++) {
        starts.add(starter.start(TaskStartRequest.ofIds(TaskId.parse(T))));
      }
      long doneRightAway = starts.stream().filter(CompletableFuture::isDone).count();
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

      // 40 starts at 100 ms each, 4 at a time, take a second; handing them over took no time.
      assertThat(doneRightAway).isZero();
    }

    assertThat(starts).allSatisfy(start -> assertThat(start.join().allStarted()).isTrue());
    assertThat(emulator.requests()).hasSize(40);
    assertThat(relay.mostOpen()).isBetween(1, 4);
  }

  @Test
  void completesAnswersOnItsOwnNamedDaemonThreadsNoMoreThanTheLimit() throws Exception {
    relay.holdConnections();
    List<CompletableFuture<Thread>> answeredOn = new ArrayList<>();

    try (QrsClient client = QrsClient.create(throughRelay().maxConcurrentRequests(2).build())) {
      // Held back by the relay, no answer can come before every stage below is in place.
      for (int i = 0; i < 6; i++) {
        answeredOn.add(
            client
                .post("/qrs/task/" + T + "/start/synchronous", Map.of(), null)
                .thenApply(response -> Thread.currentThread()));
      }
      relay.releaseConnections();
      CompletableFuture.allOf(answeredOn.toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
    }

    List<Thread> threads = answeredOn.stream().map(CompletableFuture::join).distinct().toList();
    assertThat(threads)
        .hasSizeBetween(1, 2)
        .allSatisfy(
            thread -> {
              assertThat(thread.getName()).matches("taskwire-qrs-\\d+");
              assertThat(thread.isDaemon()).isTrue();
            });
    assertThat(emulator.requests()).hasSize(6);
  }

  @Test
  void retriesAStartWhoseConnectionWasDroppedBeforeTheTlsHandshake() {
    relay.dropNext(2);
    QrsRetry quick = new QrsRetry(3, Duration.ofMillis(10), Duration.ofMillis(50));

    TaskStartReport report;
    try (QrsTaskStarter starter = QrsTaskStarter.create(throughRelay().retry(quick).build())) {
      report = starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T)));
    }

    assertThat(report.allStarted()).isTrue();
    assertThat(relay.accepted()).isEqualTo(3);
    assertThat(emulator.requests()).hasSize(1);
  }

  @Test
  void reportsAConnectionDroppedBeforeTheHandshakeAsARetryableNetworkFailure() {
    relay.dropNext(2);

    TaskStartResult result;
    try (QrsTaskStarter starter = QrsTaskStarter.create(throughRelay().build())) {
      result = starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(T))).results().get(0);
    }

    TaskStartResult.Failed failed = (TaskStartResult.Failed) result;
    assertThat(failed.kind()).isEqualTo(FailureKind.NETWORK);
    assertThat(failed.retryable()).isTrue();
    assertThat(emulator.requests()).isEmpty();
  }
}
