package dev.taskwire.qrs;

import static dev.taskwire.qrs.QrsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way to select tasks: by one or several IDs, by name, by tag, by custom property. */
class TaskSelectionTest {

  static final String FINANCE = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  static final String INVENTORY = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
  static final String HARD_NAME = "O'Brien \"daily\" reload & more #1";

  @TempDir Path directory;

  private QrsEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(
                EmulatedTask.reload(T, "Reload sales")
                    .tags("nightly")
                    .customProperty("env", "prod"))
            .task(
                EmulatedTask.reload(FINANCE, "Reload finance")
                    .tags("nightly")
                    .customProperty("env", "test"))
            .task(
                EmulatedTask.reload(INVENTORY, HARD_NAME)
                    .customProperty("env", "dev")
                    .customProperty("owner", "prod"))
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private TaskStartReport start(QrsTaskStarter.Builder starter, TaskStartRequest request) {
    try (QrsTaskStarter built = starter.build()) {
      return built.startAndWait(request);
    }
  }

  private TaskStartReport start(TaskStartRequest request) {
    return start(QrsTaskStarter.builder(QrsFixture.direct(emulator).build()), request);
  }

  @Test
  void startsOneTaskByIdAndReportsItsExecutionSession() {
    TaskStartReport report = start(TaskStartRequest.ofIds(TaskId.parse(T)));

    TaskStartResult.Started started = (TaskStartResult.Started) report.results().get(0);
    assertThat(started.task()).isEqualTo(T);
    assertThat(started.executionSessionId()).matches("[0-9a-f-]{36}").isNotEqualTo(TaskId.ALL_ZERO);
    assertThat(started.execution()).isNull();
  }

  @Test
  void startsSeveralIdsWithOneSynchronousCallEachSoThatEachGetsASession() {
    TaskStartReport report = start(TaskStartRequest.ofIds(TaskId.parse(T), TaskId.parse(FINANCE)));

    assertThat(report.results()).extracting(TaskStartResult::task).containsExactly(T, FINANCE);
    assertThat(report.results())
        .allSatisfy(
            r -> assertThat(((TaskStartResult.Started) r).executionSessionId()).isNotNull());
    assertThat(emulator.requests())
        .extracting(RecordedRequest::path)
        .containsExactlyInAnyOrder(
            "/qrs/task/" + T + "/start/synchronous", "/qrs/task/" + FINANCE + "/start/synchronous");
  }

  @Test
  void startsSeveralIdsInOneBatchCallWhenSynchronousStartIsOff() {
    TaskStartReport report =
        start(
            QrsTaskStarter.builder(QrsFixture.direct(emulator).build()).synchronousStart(false),
            TaskStartRequest.ofIds(TaskId.parse(T), TaskId.parse(FINANCE)));

    assertThat(report.allStarted()).isTrue();
    assertThat(emulator.requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/qrs/task/start/many");
    assertThat(emulator.requests().get(0).body()).isEqualTo("[\"" + T + "\",\"" + FINANCE + "\"]");
  }

  @Test
  void startsOneIdWithoutWaitingForASessionWhenSynchronousStartIsOff() {
    TaskStartReport report =
        start(
            QrsTaskStarter.builder(QrsFixture.direct(emulator).build()).synchronousStart(false),
            TaskStartRequest.ofIds(TaskId.parse(T)));

    TaskStartResult.Started started = (TaskStartResult.Started) report.results().get(0);
    assertThat(started.executionSessionId()).isNull();
    assertThat(emulator.requests())
        .extracting(RecordedRequest::path, RecordedRequest::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/qrs/task/" + T + "/start", 204));
  }

  @Test
  void looksUpANameWithAFilterAndStartsTheTaskFound() {
    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByName("reload SALES")));

    assertThat(report.results()).extracting(TaskStartResult::task).containsExactly(T);
    RecordedRequest lookup = emulator.requests().get(0);
    assertThat(lookup.method()).isEqualTo("GET");
    assertThat(lookup.path()).isEqualTo("/qrs/task/full");
    assertThat(lookup.queryParameter("filter")).contains("name eq 'reload SALES'");
  }

  @Test
  void escapesQuotesAmpersandAndHashInANameAndEncodesTheWholeFilter() {
    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByName(HARD_NAME)));

    assertThat(report.results()).extracting(TaskStartResult::task).containsExactly(INVENTORY);
    RecordedRequest lookup = emulator.requests().get(0);
    assertThat(lookup.queryParameter("filter"))
        .contains("name eq 'O''Brien \"daily\" reload & more #1'");
    assertThat(lookup.rawQuery()).doesNotContain("'", "\"", "#", " ", "+");
    assertThat(lookup.rawQuery().split("&")).hasSize(2);
    assertThat(lookup.header("X-Qlik-Xrfkey")).isEqualTo(lookup.queryParameter("xrfkey"));
  }

  @Test
  void startsEveryTaskCarryingATagAndReportsEach() {
    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByTag("NIGHTLY")));

    assertThat(report.results())
        .extracting(TaskStartResult::task)
        .containsExactlyInAnyOrder(T, FINANCE);
    assertThat(report.allStarted()).isTrue();
    assertThat(emulator.requests().get(0).queryParameter("filter"))
        .contains("tags.name eq 'NIGHTLY'");
  }

  @Test
  void checksTheCustomPropertyPairOnEachTaskFound() {
    TaskStartReport report =
        start(TaskStartRequest.of(new TaskSelector.ByCustomProperty("env", "prod")));

    // Inventory has env=dev and owner=prod: QRS's filter matches it, the pair does not.
    assertThat(report.results()).extracting(TaskStartResult::task).containsExactly(T);
    assertThat(emulator.requests().get(0).queryParameter("filter"))
        .contains(
            "(customProperties.definition.name eq 'env') and (customProperties.value eq 'prod')");
    assertThat(emulator.requests()).hasSize(2);
  }

  @Test
  void reportsALookupThatMatchesNothingAsNotFoundAndStartsNothing() {
    TaskStartReport report = start(TaskStartRequest.of(new TaskSelector.ByTag("weekly")));

    TaskStartResult.Failed failed = (TaskStartResult.Failed) report.results().get(0);
    assertThat(failed.kind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(failed.message())
        .isEqualTo("No task matches tag 'weekly' among the tasks visible to INTERNAL\\sa_api");
    assertThat(emulator.requests()).extracting(RecordedRequest::method).containsExactly("GET");
  }
}
