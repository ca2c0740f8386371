package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordedRequestTest {

  private static final String TASK = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String START = "/qrs/task/" + TASK + "/start";

  @TempDir Path dir;
  private final List<RecordedRequest> heard = new CopyOnWriteArrayList<>();
  private QrsEmulator emulator;
  private QrsCaller caller;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .onRequest(heard::add)
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void recordsMethodPathQueryHeadersStatusAndUser() {
    Instant before = Instant.now();

    caller.post(START + "?name=x%20y");

    RecordedRequest request = emulator.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(START);
    assertThat(request.rawQuery()).startsWith("name=x%20y&xrfkey=");
    assertThat(request.queryParameter("NAME")).hasValue("x y");
    assertThat(request.queryParameter("xrfkey")).isEqualTo(request.header("X-QLIK-XRFKEY"));
    assertThat(request.headers()).containsKey("x-qlik-xrfkey");
    assertThat(request.status()).isEqualTo(204);
    assertThat(request.user()).isEqualTo("INTERNAL\\sa_api");
    assertThat(request.body()).isEmpty();
    assertThat(request.receivedAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UserDirectory=INTERNAL; UserId=sa_api|INTERNAL\\sa_api",
        "UserDirectory=INTERNAL;UserId=sa_api|INTERNAL\\sa_api",
        "userdirectory=INTERNAL; USERID=sa_api|INTERNAL\\sa_api",
        "UserDirectory = INTERNAL ; UserId = sa_api|INTERNAL\\sa_api",
        "UserId=jdoe; UserDirectory=CORP|CORP\\jdoe"
      })
  void readsUserLeniently(String header, String expected) {
    caller.as(header).post(START);

    assertThat(emulator.requests().get(0).user()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UserDirectory: INTERNAL; UserId: sa_api",
        "UserDirectory=INTERNAL",
        "UserId=sa_api",
        "UserDirectory=; UserId=sa_api"
      })
  void hasNoUserWhenHeaderIsUnparsable(String header) {
    caller.as(header).post(START);

    assertThat(emulator.requests().get(0).user()).isNull();
  }

  @Test
  void hasNoUserWithoutHeader() {
    caller.as(null).post(START);

    assertThat(emulator.requests().get(0).user()).isNull();
  }

  @Test
  void recordsRefusedRequestsWithTheirStatus() {
    caller.post("/qrs/task/abc/start");
    caller.send(caller.unkeyed(START).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(400, 403);
  }

  @Test
  void recordsTheRequestBody() {
    caller.post("/qrs/task/start/many", "[\"" + TASK + "\"]");

    assertThat(emulator.requests().get(0).body()).isEqualTo("[\"" + TASK + "\"]");
  }

  @Test
  void tellsTheListenerAfterEachAnswer() {
    HttpResponse<String> response = caller.post(START);

    assertThat(response.statusCode()).isEqualTo(204);
    await()
        .untilAsserted(
            () -> assertThat(heard).extracting(RecordedRequest::status).containsExactly(204));
  }

  @Test
  void forgetsRequestsWhenCleared() {
    caller.post(START);

    emulator.clearRequests();

    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void rendersOneJsonLine() {
    caller.post(START);
    RecordedRequest request = emulator.requests().get(0);

    String line = request.toJson();

    assertThat(line)
        .doesNotContain("\n")
        .startsWith("{\"method\":\"POST\",\"path\":\"" + START + "\",\"query\":\"xrfkey=")
        .endsWith("\",\"user\":\"INTERNAL\\\\sa_api\",\"status\":204}");
  }

  @Test
  void rendersMissingQueryAndUserAsNull() {
    QrsCaller anonymous = caller.as(null);

    anonymous.send(anonymous.unkeyed(START).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(emulator.requests().get(0).toJson())
        .isEqualTo(
            "{\"method\":\"POST\",\"path\":\""
                + START
                + "\",\"query\":null,\"user\":null,\"status\":403}");
  }
}
