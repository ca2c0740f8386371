package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStartByNameAndManyTest {

  private static final String AMPERSAND = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String SWEDISH = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String UNKNOWN = "11111111-2222-3333-4444-555555555555";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private QrsEmulator emulator;
  private QrsCaller caller;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(AMPERSAND, "Extract&Transform"))
            .task(EmulatedTask.reload(SWEDISH, "Försäljning – daglig"))
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void startsTaskWhoseNameHoldsAnAmpersand() {
    HttpResponse<String> response =
        caller.post("/qrs/task/start?name=" + encode("Extract&Transform"));

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void startsTaskWhoseNameIsNotAscii() throws Exception {
    HttpResponse<String> response =
        caller.post("/qrs/task/start/synchronous?name=" + encode("Försäljning – daglig"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(response.body()).get("value").asText())
        .isNotEqualTo("00000000-0000-0000-0000-000000000000");
  }

  @Test
  void matchesNameWhateverItsCaseAndSpaceEncoding() {
    HttpResponse<String> plus =
        caller.post(
            "/qrs/task/start?name="
                + URLEncoder.encode("FÖRSÄLJNING – DAGLIG", StandardCharsets.UTF_8));

    assertThat(plus.statusCode()).isEqualTo(204);
  }

  @Test
  void answersNotFoundForUnknownName() {
    HttpResponse<String> response = caller.post("/qrs/task/start?name=" + encode("Extract"));

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void refusesNameCutByUnencodedAmpersand() {
    HttpResponse<String> response = caller.post("/qrs/task/start?name=Extract&Transform");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Missing parameter value(s)");
  }

  @Test
  void answersBadRequestWithoutName() {
    HttpResponse<String> response = caller.post("/qrs/task/start/synchronous");

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void startsManyTasks() {
    HttpResponse<String> response =
        caller.post("/qrs/task/start/many", "[\"" + AMPERSAND + "\",\"" + SWEDISH + "\"]");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void answersNotFoundWhenOneOfManyIsUnknown() {
    HttpResponse<String> response =
        caller.post("/qrs/task/start/many", "[\"" + AMPERSAND + "\",\"" + UNKNOWN + "\"]");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains(UNKNOWN);
  }

  @Test
  void answersBadRequestWhenOneOfManyIsMalformedOrBodyIsNotAnArray() {
    HttpResponse<String> malformed =
        caller.post("/qrs/task/start/many", "[\"" + AMPERSAND + "\",\"abc\"]");
    HttpResponse<String> notArray = caller.post("/qrs/task/start/many", "{\"id\":1}");

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(notArray.statusCode()).isEqualTo(400);
  }

  @Test
  void stopsManyTasks() {
    HttpResponse<String> response = caller.post("/qrs/task/stop/many", "[\"" + SWEDISH + "\"]");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
