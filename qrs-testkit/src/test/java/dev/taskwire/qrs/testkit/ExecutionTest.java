package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionTest {

  private static final String RETRYING = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String QUICK = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String ENDLESS = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
  private static final String SLOW = "11111111-2222-3333-4444-555555555555";
  private static final String DISABLED = "22222222-3333-4444-5555-666666666666";
  private static final String RETRYING_TWICE = "44444444-5555-6666-7777-888888888888";
  private static final String ZERO = "00000000-0000-0000-0000-000000000000";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private QrsEmulator emulator;
  private QrsCaller caller;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(
                EmulatedTask.reload(RETRYING, "Retrying")
                    .execution(Duration.ofMillis(300), 2, 10, 8))
            .task(EmulatedTask.reload(QUICK, "Quick"))
            .task(EmulatedTask.reload(ENDLESS, "Endless").execution(Duration.ofMillis(20), 2))
            .task(EmulatedTask.reload(SLOW, "Slow").execution(Duration.ofSeconds(30), 2, 7))
            .task(EmulatedTask.reload(DISABLED, "Disabled").enabled(false))
            .task(
                EmulatedTask.reload(RETRYING_TWICE, "Retrying twice")
                    .execution(Duration.ofMillis(500), 2, 10, 2, 8))
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void followsStartedRetryFinishedFailThroughResultsThenEndsTheSession() {
    String session = startSynchronously(RETRYING);
    List<Integer> seen = new ArrayList<>();

    assertThat(caller.get("/qrs/executionsession/" + session).statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              JsonNode rows = results("ExecutionId eq " + session);
              if (!rows.isEmpty()) {
                int status = rows.get(rows.size() - 1).get("status").asInt();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != status) {
                  seen.add(status);
                }
              }
              return seen.contains(8);
            });

    assertThat(seen).containsExactly(2, 10, 8);
    assertThat(caller.get("/qrs/executionsession/" + session).statusCode()).isEqualTo(404);
    JsonNode rows = results("executionId eq " + session);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("status").asInt()).isEqualTo(10);
    assertThat(rows.get(1).get("status").asInt()).isEqualTo(8);
    assertThat(rows.get(1).get("duration").asLong()).isNotNegative();
    assertThat(lastStatus(RETRYING)).isEqualTo(8);
  }

  @Test
  void showsRetriesAndCurrentResultOnTheLiveSession() {
    String session = startSynchronously(RETRYING_TWICE);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> results("ExecutionId eq " + session).size() == 2);

    JsonNode live = read(caller.get("/qrs/executionsession/" + session).body());

    JsonNode rows = results("ExecutionId eq " + session);
    assertThat(live.get("id").asText()).isEqualTo(session);
    assertThat(live.get("retries").asInt()).isEqualTo(1);
    assertThat(live.get("abortReason").asInt()).isZero();
    assertThat(live.get("executionResult").get("id").asText())
        .isEqualTo(rows.get(1).get("id").asText());
    assertThat(live.get("reloadTask").get("id").asText()).isEqualTo(RETRYING_TWICE);
    assertThat(rows.get(0).get("status").asInt()).isEqualTo(10);
    assertThat(rows.get(1).get("status").asInt()).isEqualTo(2);
  }

  @Test
  void hasNoResultRightAfterStart() {
    String session = startSynchronously(SLOW);

    assertThat(results("ExecutionId eq " + session)).isEmpty();
    assertThat(caller.get("/qrs/executionsession/" + session).statusCode()).isEqualTo(200);
  }

  @Test
  void showsTheLiveExecutionAsTheTasksLastResultFromTheMomentItStarts() {
    String session = startSynchronously(SLOW);

    JsonNode last = lastResult(SLOW);
    assertThat(last.get("status").asInt()).isEqualTo(1);
    assertThat(last.get("executionId").asText()).isEqualTo(session);
    assertThat(last.get("startTime").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT.*Z")
        .isNotEqualTo("1753-01-01T00:00:00.000Z");
  }

  @Test
  void startsASecondExecutionOfARunningTaskByDefault() {
    String first = startSynchronously(SLOW);
    String second = startSynchronously(SLOW);

    assertThat(second).isNotEqualTo(first).isNotEqualTo(ZERO);
    assertThat(caller.get("/qrs/executionsession/" + second).statusCode()).isEqualTo(200);
  }

  @Test
  void readsFullResultWithDetails() throws Exception {
    String session = startSynchronously(QUICK);
    await().until(() -> caller.get("/qrs/executionsession/" + session).statusCode() == 404);
    String resultId = results("ExecutionId eq " + session).get(0).get("id").asText();

    JsonNode full = JSON.readTree(caller.get("/qrs/executionresult/" + resultId).body());
    JsonNode fullList = fullResults("executionId eq " + session);

    assertThat(full.get("status").asInt()).isEqualTo(7);
    assertThat(full.get("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(full.get("stopTime").asText()).isNotEqualTo("1753-01-01T00:00:00.000Z");
    assertThat(full.get("duration").asLong()).isNotNegative();
    assertThat(full.get("scriptLogAvailable").asBoolean()).isFalse();
    assertThat(full.get("details").findValuesAsText("message"))
        .containsExactly(
            "Changing task state from Triggered to Started",
            "Changing task state from Started to FinishedSuccess");
    assertThat(fullList).hasSize(1);
    assertThat(fullList.get(0)).isEqualTo(full);
    assertThat(lastStatus(QUICK)).isEqualTo(7);
  }

  @Test
  void startsANewSessionForEachAsynchronousStart() {
    caller.post("/qrs/task/" + QUICK + "/start");
    caller.post("/qrs/task/" + QUICK + "/start");

    await().until(() -> results("taskId eq " + QUICK + " and status eq 7").size() == 2);
  }

  @Test
  void abortsLiveExecutionsWhenTaskIsStopped() {
    String session = startSynchronously(ENDLESS);
    await().until(() -> results("ExecutionId eq " + session).size() == 1);

    HttpResponse<String> stop = caller.post("/qrs/task/" + ENDLESS + "/stop");

    assertThat(stop.statusCode()).isEqualTo(204);
    assertThat(caller.get("/qrs/executionsession/" + session).statusCode()).isEqualTo(404);
    assertThat(results("ExecutionId eq " + session).get(0).get("status").asInt()).isEqualTo(6);
    assertThat(lastStatus(ENDLESS)).isEqualTo(6);
  }

  @Test
  void startsNoSessionForDisabledTask() {
    String session = startSynchronously(DISABLED);

    assertThat(session).isEqualTo(ZERO);
    assertThat(caller.get("/qrs/executionsession/" + session).statusCode()).isEqualTo(404);
    assertThat(lastStatus(DISABLED)).isZero();
  }

  @Test
  void answersNotFoundAndBadRequestForUnknownAndMalformedIds() {
    String unknown = "33333333-4444-5555-6666-777777777777";

    assertThat(caller.get("/qrs/executionsession/" + unknown).statusCode()).isEqualTo(404);
    assertThat(caller.get("/qrs/executionresult/" + unknown).statusCode()).isEqualTo(404);
    assertThat(caller.get("/qrs/executionsession/abc").statusCode()).isEqualTo(400);
    assertThat(caller.get("/qrs/executionresult/abc").statusCode()).isEqualTo(400);
    assertThat(caller.get("/qrs/executionresult?filter=ExecutionId%20eq%20'x").statusCode())
        .isEqualTo(400);
  }

  /** With {@code refuseStartWhileRunning}, a task runs once at a time, as QRS is reported to. */
  @Nested
  class WhenStartsOfARunningTaskAreRefused {

    @BeforeEach
    void startRefusingEmulator() {
      emulator.close();
      emulator =
          QrsEmulator.builder()
              .certificateDirectory(dir)
              .refuseStartWhileRunning(true)
              .task(EmulatedTask.reload(SLOW, "Slow").execution(Duration.ofSeconds(30), 2, 7))
              .task(EmulatedTask.reload(QUICK, "Quick"))
              .start();
      caller = QrsCaller.direct(emulator);
    }

    @Test
    void answersTheAllZeroSessionToASynchronousStartOfARunningTask() {
      String first = startSynchronously(SLOW);

      String second = startSynchronously(SLOW);

      assertThat(first).isNotEqualTo(ZERO);
      assertThat(second).isEqualTo(ZERO);
      assertThat(lastResult(SLOW).get("executionId").asText()).isEqualTo(first);
    }

    @Test
    void beginsNoSecondExecutionOnAnAsynchronousStartOfARunningTask() {
      String first = startSynchronously(SLOW);

      HttpResponse<String> byId = caller.post("/qrs/task/" + SLOW + "/start");
      HttpResponse<String> many = caller.post("/qrs/task/start/many", "[\"" + SLOW + "\"]");

      assertThat(byId.statusCode()).isEqualTo(204);
      assertThat(many.statusCode()).isEqualTo(204);
      // A stop ends every live execution with a row, so a second one would show here.
      caller.post("/qrs/task/" + SLOW + "/stop");
      JsonNode rows = results("taskId eq " + SLOW);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get("executionId").asText()).isEqualTo(first);
    }

    @Test
    void startsTheTaskAgainOnceItsExecutionHasEnded() {
      String first = startSynchronously(QUICK);
      await().until(() -> caller.get("/qrs/executionsession/" + first).statusCode() == 404);

      String second = startSynchronously(QUICK);

      assertThat(second).isNotEqualTo(ZERO).isNotEqualTo(first);
    }
  }

  private String startSynchronously(String taskId) {
    HttpResponse<String> response = caller.post("/qrs/task/" + taskId + "/start/synchronous");
    assertThat(response.statusCode()).isEqualTo(201);
    return read(response.body()).get("value").asText();
  }

  private JsonNode results(String filter) {
    return read(caller.get("/qrs/executionresult?filter=" + encode(filter)).body());
  }

  private JsonNode fullResults(String filter) {
    return read(caller.get("/qrs/executionresult/full?filter=" + encode(filter)).body());
  }

  private int lastStatus(String taskId) {
    return lastResult(taskId).get("status").asInt();
  }

  private JsonNode lastResult(String taskId) {
    JsonNode task = read(caller.get("/qrs/reloadtask/" + taskId).body());
    return task.get("operational").get("lastExecutionResult");
  }

  private static String encode(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + body, e);
    }
  }
}
