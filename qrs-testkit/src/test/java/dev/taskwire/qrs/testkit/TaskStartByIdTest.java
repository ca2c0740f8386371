package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStartByIdTest {

  private static final String SALES = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String DISABLED = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String PROGRAM = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
  private static final String UNKNOWN = "11111111-2222-3333-4444-555555555555";
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
            .task(EmulatedTask.reload(SALES, "Reload sales"))
            .task(EmulatedTask.reload(DISABLED, "Reload finance").enabled(false))
            .task(EmulatedTask.externalProgram(PROGRAM, "Copy files"))
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void startsTaskAndAnswersNoContent() {
    HttpResponse<String> response = caller.post("/qrs/task/" + SALES + "/start");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void startsSynchronouslyAndAnswersTheSessionId() throws Exception {
    HttpResponse<String> response = caller.post("/qrs/task/" + SALES + "/start/synchronous");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("value").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .isNotEqualTo(ZERO);
  }

  @Test
  void startsExternalProgramTaskUnderTask() {
    HttpResponse<String> response = caller.post("/qrs/task/" + PROGRAM + "/start");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void matchesIdWhateverItsCase() {
    HttpResponse<String> response = caller.post("/qrs/task/" + SALES.toUpperCase() + "/start");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void answersAllZeroSessionForDisabledTask() throws Exception {
    HttpResponse<String> response = caller.post("/qrs/task/" + DISABLED + "/start/synchronous");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(response.body()).get("value").asText()).isEqualTo(ZERO);
  }

  @Test
  void answersNoContentForAsynchronousStartOfDisabledTask() {
    HttpResponse<String> response = caller.post("/qrs/task/" + DISABLED + "/start");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void answersNotFoundForUnknownTask() {
    HttpResponse<String> asynchronous = caller.post("/qrs/task/" + UNKNOWN + "/start");
    HttpResponse<String> synchronous = caller.post("/qrs/task/" + UNKNOWN + "/start/synchronous");

    assertThat(asynchronous.statusCode()).isEqualTo(404);
    assertThat(asynchronous.body()).contains(UNKNOWN);
    assertThat(synchronous.statusCode()).isEqualTo(404);
  }

  @Test
  void answersBadRequestForMalformedId() {
    HttpResponse<String> asynchronous = caller.post("/qrs/task/abc/start");
    HttpResponse<String> synchronous = caller.post("/qrs/task/0c7d4f2e-9b1a/start/synchronous");

    assertThat(asynchronous.statusCode()).isEqualTo(400);
    assertThat(asynchronous.body()).contains("abc");
    assertThat(synchronous.statusCode()).isEqualTo(400);
  }

  @Test
  void hasNoGetOfSingleTaskUnderTask() {
    HttpResponse<String> response = caller.get("/qrs/task/" + SALES);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void refusesGetOnStartPath() {
    HttpResponse<String> response = caller.get("/qrs/task/" + SALES + "/start");

    assertThat(response.statusCode()).isEqualTo(405);
  }

  @Test
  void stopsTask() {
    HttpResponse<String> response = caller.post("/qrs/task/" + SALES + "/stop");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void startsTaskAddedWhileRunning() {
    emulator.putTask(EmulatedTask.reload(UNKNOWN, "Added later"));

    HttpResponse<String> response = caller.post("/qrs/task/" + UNKNOWN + "/start");

    assertThat(response.statusCode()).isEqualTo(204);
  }
}
