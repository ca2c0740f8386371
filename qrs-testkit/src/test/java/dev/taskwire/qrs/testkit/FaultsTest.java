package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsTest {

  private static final String TASK = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String START = "/qrs/task/" + TASK + "/start";

  @TempDir Path dir;
  private QrsEmulator emulator;
  private QrsCaller caller;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void failsTheNextRequestsWithTheGivenAnswer() {
    emulator.faults().failNext(2, 503, "Service Unavailable");

    HttpResponse<String> first = caller.post(START);
    HttpResponse<String> second = caller.get("/qrs/task/full");
    HttpResponse<String> third = caller.post(START);

    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.body()).isEqualTo("Service Unavailable");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(third.statusCode()).isEqualTo(204);
    assertThat(emulator.requests())
        .extracting(RecordedRequest::status)
        .containsExactly(503, 503, 204);
  }

  @Test
  void failsOnlyStartsWhenScopedToStarts() {
    emulator.faults().failNext(FaultScope.TASK_STARTS, 1, 500, "Internal error");

    HttpResponse<String> lookup = caller.get("/qrs/task/full");
    HttpResponse<String> byName = caller.post("/qrs/task/start/synchronous?name=Reload%20sales");
    HttpResponse<String> byId = caller.post(START);

    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(byName.statusCode()).isEqualTo(500);
    assertThat(byId.statusCode()).isEqualTo(204);
  }

  @Test
  void checksTheXrfkeyBeforeUsingUpAFailure() {
    emulator.faults().failNext(1, 503, "Service Unavailable");

    HttpResponse<String> unkeyed = caller.send(caller.unkeyed(START).POST(noBody()));
    HttpResponse<String> keyed = caller.post(START);

    assertThat(unkeyed.statusCode()).isEqualTo(403);
    assertThat(keyed.statusCode()).isEqualTo(503);
  }

  @Test
  void dropsTheConnectionWithoutAnswer() {
    emulator.faults().resetNext(1);

    assertThatThrownBy(() -> caller.sendChecked(caller.request(START).POST(noBody())))
        .isInstanceOf(IOException.class);
    HttpResponse<String> after = caller.post(START);

    assertThat(after.statusCode()).isEqualTo(204);
    assertThat(emulator.requests())
        .extracting(RecordedRequest::status)
        .containsExactly(RecordedRequest.NO_ANSWER, 204);
  }

  @Test
  void dropsOnlyStartsWhenResetsAreScopedToStarts() {
    emulator.faults().resetNext(FaultScope.TASK_STARTS, 1);

    HttpResponse<String> lookup = caller.get("/qrs/task/full");
    assertThatThrownBy(() -> caller.sendChecked(caller.request(START).POST(noBody())))
        .isInstanceOf(IOException.class);
    HttpResponse<String> after = caller.post(START);

    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(after.statusCode()).isEqualTo(204);
    assertThat(emulator.requests())
        .extracting(RecordedRequest::status)
        .containsExactly(200, RecordedRequest.NO_ANSWER, 204);
  }

  @Test
  void handlesAStartThenLosesItsAnswer() {
    emulator.faults().loseAnswerNext(FaultScope.TASK_STARTS, 1);

    HttpResponse<String> lookup = caller.get("/qrs/task/full");
    assertThatThrownBy(
            () -> caller.sendChecked(caller.request(START + "/synchronous").POST(noBody())))
        .isInstanceOf(IOException.class);
    HttpResponse<String> after = caller.get("/qrs/reloadtask/" + TASK);

    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("\"lastExecutionResult\"").doesNotContain("\"status\":0");
    assertThat(emulator.requests())
        .extracting(RecordedRequest::status)
        .containsExactly(200, RecordedRequest.NO_ANSWER, 200);
  }

  @Test
  void delaysEveryAnswerUntilLatencyIsCleared() {
    emulator.faults().latency(Duration.ofMillis(600));

    long slow = timed(() -> caller.post(START));
    emulator.faults().latency(Duration.ZERO);
    long fast = timed(() -> caller.post(START));

    assertThat(slow).isGreaterThanOrEqualTo(600);
    assertThat(fast).isLessThan(600);
  }

  @Test
  void delaysTheHandshakeOfNewConnections() {
    emulator.faults().slowHandshake(Duration.ofSeconds(3));

    long slow = timed(() -> QrsCaller.direct(emulator).post(START));
    emulator.faults().slowHandshake(Duration.ZERO);
    long fast = timed(() -> QrsCaller.direct(emulator).post(START));

    // Wide margins: a loaded build machine must not make a new handshake look slow.
    assertThat(slow).isGreaterThanOrEqualTo(3000);
    assertThat(fast).isLessThan(3000);
  }

  @Test
  void leavesOpenConnectionsAloneWhenHandshakesAreSlow() {
    caller.post(START);
    emulator.faults().slowHandshake(Duration.ofSeconds(5));

    long reused = timed(() -> caller.post(START));

    assertThat(reused).isLessThan(5000);
  }

  @Test
  void clearsEveryFault() {
    emulator.faults().failNext(5, 503, "x").resetNext(3).latency(Duration.ofSeconds(5));

    emulator.faults().clear();
    long elapsed = timed(() -> assertThat(caller.post(START).statusCode()).isEqualTo(204));

    assertThat(elapsed).isLessThan(5000);
  }

  @Test
  void refusesNonsenseSettings() {
    Faults faults = emulator.faults();

    assertThatThrownBy(() -> faults.failNext(0, 503, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Count 0 given to failNext must be 1 or more");
    assertThatThrownBy(() -> faults.failNext(1, 42, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Status 42 given to failNext is not an HTTP status (100 to 599)");
    assertThatThrownBy(() -> faults.loseAnswerNext(FaultScope.ALL_REQUESTS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Count 0 given to loseAnswerNext must be 1 or more");
    assertThatThrownBy(() -> faults.latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Duration PT-0.001S given to latency must not be negative");
  }

  private static long timed(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }
}
