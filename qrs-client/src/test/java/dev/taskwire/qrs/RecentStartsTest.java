package dev.taskwire.qrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.ExecutionStatus;
import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.FaultScope;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skipStartedWithin}: a task running now, or started less than the window ago, is not
 * started again and is reported as not started; QRS's task list is the state this reads.
 */
class RecentStartsTest {

  private static final String SLOW = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String QUICK = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String OTHER = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
  private static final ExecutionTracking TO_THE_END =
      new ExecutionTracking(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofSeconds(20));

  @TempDir Path directory;
  private QrsEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(
                EmulatedTask.reload(SLOW, "Slow")
                    .tags("nightly")
                    .execution(Duration.ofSeconds(30), 2, 7))
            .task(EmulatedTask.reload(QUICK, "Quick").tags("nightly"))
            .task(EmulatedTask.reload(OTHER, "Other"))
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private QrsTaskStarter starter(Duration window) {
    return QrsTaskStarter.builder(QrsFixture.direct(emulator).build())
        .skipStartedWithin(window)
        .build();
  }

  private static List<TaskStartResult> start(QrsTaskStarter starter, String... ids) {
    return starter
        .startAndWait(TaskStartRequest.ofIds(List.of(ids).stream().map(TaskId::parse).toList()))
        .results();
  }

  private List<RecordedRequest> startCalls() {
    return emulator.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/start/synchronous"))
        .toList();
  }

  @Test
  void holdsBackATaskThatIsRunningWithoutCallingStart() {
    try (QrsTaskStarter starter = starter(Duration.ZERO)) {
      assertThat(start(starter, SLOW)).singleElement().isInstanceOf(TaskStartResult.Started.class);

      List<TaskStartResult> again = start(starter, SLOW);

      assertThat(again)
          .singleElement()
          .isInstanceOfSatisfying(
              TaskStartResult.NotStarted.class,
              r -> {
                assertThat(r.task()).isEqualTo(SLOW);
                assertThat(r.reason()).contains("already running").contains("TRIGGERED");
              });
    }
    assertThat(startCalls()).hasSize(1);
    assertThat(emulator.requests())
        .filteredOn(r -> r.path().equals("/qrs/task/full"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.queryParameter("filter")).hasValue("id eq " + SLOW));
  }

  @Test
  void holdsBackATaskThatStartedWithinTheWindowAndStartsItOnceTheWindowHasPassed() {
    try (QrsTaskStarter tracking =
            QrsTaskStarter.builder(QrsFixture.direct(emulator).build())
                .tracking(TO_THE_END)
                .build();
        QrsTaskStarter minute = starter(Duration.ofMinutes(1));
        QrsTaskStarter millisecond = starter(Duration.ofMillis(1))) {
      TaskStartResult.Started first = (TaskStartResult.Started) start(tracking, QUICK).get(0);
      assertThat(first.execution().status()).isEqualTo(ExecutionStatus.FINISHED_SUCCESS);

      assertThat(start(minute, QUICK))
          .singleElement()
          .isInstanceOfSatisfying(
              TaskStartResult.NotStarted.class,
              r -> assertThat(r.reason()).contains("last started at").contains("60 s"));
      assertThat(start(millisecond, QUICK))
          .singleElement()
          .isInstanceOf(TaskStartResult.Started.class);
    }
    assertThat(startCalls()).hasSize(2);
  }

  @Test
  void startsTheFreeTasksOfARequestAndReportsEachInOrder() {
    try (QrsTaskStarter starter = starter(Duration.ofMinutes(1))) {
      start(starter, SLOW);

      List<TaskStartResult> results = start(starter, OTHER, SLOW, QUICK);

      assertThat(results).extracting(TaskStartResult::task).containsExactly(OTHER, SLOW, QUICK);
      assertThat(results.get(0)).isInstanceOf(TaskStartResult.Started.class);
      assertThat(results.get(1)).isInstanceOf(TaskStartResult.NotStarted.class);
      assertThat(results.get(2)).isInstanceOf(TaskStartResult.Started.class);
    }
    assertThat(startCalls())
        .extracting(RecordedRequest::path)
        .containsExactlyInAnyOrder(
            "/qrs/task/" + SLOW + "/start/synchronous",
            "/qrs/task/" + OTHER + "/start/synchronous",
            "/qrs/task/" + QUICK + "/start/synchronous");
  }

  @Test
  void makesAConcurrentRequestWaitForTheStartUnderWayThenJudgesItOnQrssList() throws Exception {
    // QRS answers slowly, so the first start is still waiting when the second request comes.
    emulator.faults().latency(Duration.ofMillis(300));
    List<TaskStartResult> first;
    List<TaskStartResult> second;
    try (QrsTaskStarter starter = starter(Duration.ofMinutes(1))) {
      var pending = starter.start(TaskStartRequest.ofIds(TaskId.parse(QUICK)));
      second = start(starter, QUICK);
      first = pending.get(20, TimeUnit.SECONDS).results();
    }

    assertThat(first).singleElement().isInstanceOf(TaskStartResult.Started.class);
    assertThat(second)
        .singleElement()
        .isInstanceOfSatisfying(
            TaskStartResult.NotStarted.class,
            r -> assertThat(r.reason()).containsAnyOf("already running", "last started at"));
    assertThat(startCalls()).hasSize(1);
  }

  @Test
  void startsTheTaskForAWaitingRequestWhenTheStartItWaitedForFailed() throws Exception {
    emulator.faults().latency(Duration.ofMillis(300));
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 503, "Repository is starting");
    List<TaskStartResult> first;
    List<TaskStartResult> second;
    try (QrsTaskStarter starter = starter(Duration.ofMinutes(1))) {
      var pending = starter.start(TaskStartRequest.ofIds(TaskId.parse(QUICK)));
      second = start(starter, QUICK);
      first = pending.get(20, TimeUnit.SECONDS).results();
    }

    assertThat(first).singleElement().isInstanceOf(TaskStartResult.Failed.class);
    assertThat(second).singleElement().isInstanceOf(TaskStartResult.Started.class);
    assertThat(startCalls()).extracting(RecordedRequest::status).containsExactly(503, 201);
  }

  @Test
  void startsATaskAgainOnceTheClaimOfAnEarlierStartIsReleased() {
    try (QrsTaskStarter starter = starter(Duration.ZERO)) {
      assertThat(start(starter, QUICK)).singleElement().isInstanceOf(TaskStartResult.Started.class);
      emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 503, "Busy");
      // The failed start released its claim too: the next request is judged on QRS's list.
      assertThat(start(starter, OTHER)).singleElement().isInstanceOf(TaskStartResult.Failed.class);
      assertThat(start(starter, OTHER)).singleElement().isInstanceOf(TaskStartResult.Started.class);
    }
  }

  @Test
  void judgesTasksFoundByTagOnTheirLastExecutions() {
    try (QrsTaskStarter starter = starter(Duration.ZERO)) {
      start(starter, SLOW);
      emulator.clearRequests();

      List<TaskStartResult> results =
          starter.startAndWait(TaskStartRequest.of(new TaskSelector.ByTag("nightly"))).results();

      assertThat(results)
          .filteredOn(r -> r.task().equals(SLOW))
          .singleElement()
          .isInstanceOf(TaskStartResult.NotStarted.class);
      assertThat(results)
          .filteredOn(r -> r.task().equals(QUICK))
          .singleElement()
          .isInstanceOf(TaskStartResult.Started.class);
    }
    // The lookup, then the claimed tasks' last executions read again.
    assertThat(emulator.requests()).filteredOn(r -> r.method().equals("GET")).hasSize(2);
    assertThat(startCalls())
        .extracting(RecordedRequest::path)
        .containsExactly("/qrs/task/" + QUICK + "/start/synchronous");
  }

  @Test
  void reportsAFailedLookupAsAFailureOfEachTaskAndStartsNothing() {
    emulator.faults().failNext(1, 503, "Repository is starting");

    List<TaskStartResult> results;
    try (QrsTaskStarter starter = starter(Duration.ZERO)) {
      results = start(starter, SLOW, OTHER);
    }

    assertThat(results).extracting(TaskStartResult::task).containsExactly(SLOW, OTHER);
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r)
                    .isInstanceOfSatisfying(
                        TaskStartResult.Failed.class,
                        failed -> {
                          assertThat(failed.kind()).isEqualTo(FailureKind.SERVER);
                          assertThat(failed.message())
                              .contains("/qrs/task/full")
                              .contains("503")
                              .contains("Repository is starting");
                        }));
    assertThat(startCalls()).isEmpty();
  }

  @Test
  void refusesANegativeWindow() {
    QrsTaskStarter.Builder builder = QrsTaskStarter.builder(QrsFixture.direct(emulator).build());

    assertThatThrownBy(() -> builder.skipStartedWithin(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("qrs.skipStartedWithin");
  }

  @Test
  void reportsQrssOwnRefusalOfARunningTaskAsNotStartedWithoutTheOption() {
    emulator.close();
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .refuseStartWhileRunning(true)
            .task(EmulatedTask.reload(SLOW, "Slow").execution(Duration.ofSeconds(30), 2, 7))
            .start();
    try (QrsTaskStarter starter = QrsTaskStarter.create(QrsFixture.direct(emulator).build())) {
      assertThat(start(starter, SLOW)).singleElement().isInstanceOf(TaskStartResult.Started.class);

      assertThat(start(starter, SLOW))
          .singleElement()
          .isInstanceOfSatisfying(
              TaskStartResult.NotStarted.class,
              r -> assertThat(r.reason()).contains("already running"));
    }
    assertThat(startCalls()).hasSize(2);
  }
}
