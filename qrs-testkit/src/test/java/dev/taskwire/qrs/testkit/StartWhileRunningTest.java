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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code refuseStartWhileRunning}, a task runs once at a time, as QRS is reported to do. */
class StartWhileRunningTest {

  private static final String SLOW = "11111111-2222-3333-4444-555555555555";
  private static final String QUICK = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
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
            .refuseStartWhileRunning(true)
            .task(EmulatedTask.reload(SLOW, "Slow").execution(Duration.ofSeconds(30), 2, 7))
            .task(EmulatedTask.reload(QUICK, "Quick"))
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
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
    caller.post("/qrs/task/" + SLOW + "/stop");
    JsonNode rows =
        read(caller.get("/qrs/executionresult?filter=" + encode("taskId eq " + SLOW)).body());
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

  private String startSynchronously(String taskId) {
    HttpResponse<String> response = caller.post("/qrs/task/" + taskId + "/start/synchronous");
    assertThat(response.statusCode()).isEqualTo(201);
    return read(response.body()).get("value").asText();
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
