package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XrfkeyTest {

  private static final String TASK = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String START = "/qrs/task/" + TASK + "/start";
  private static final String XSRF_TEXT = "XSRF prevention check failed. Possible XSRF discovered.";

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
  void refusesRequestWithoutXrfkey() {
    HttpResponse<String> response = caller.send(caller.unkeyed(START).POST(noBody()));

    assertXsrfRefusal(response);
  }

  @Test
  void refusesKeyInQueryWithoutHeader() {
    HttpResponse<String> response =
        caller.send(caller.unkeyed(START + "?xrfkey=abcdefghijklmnop").POST(noBody()));

    assertXsrfRefusal(response);
  }

  @Test
  void refusesKeyInHeaderWithoutQuery() {
    HttpResponse<String> response =
        caller.send(
            caller.unkeyed(START).header("X-Qlik-Xrfkey", "abcdefghijklmnop").POST(noBody()));

    assertXsrfRefusal(response);
  }

  @Test
  void refusesKeysThatDiffer() {
    HttpResponse<String> response =
        caller.send(
            caller
                .unkeyed(START + "?xrfkey=abcdefghijklmnop")
                .header("X-Qlik-Xrfkey", "ABCDEFGHIJKLMNOP")
                .POST(noBody()));

    assertXsrfRefusal(response);
  }

  @Test
  void refusesKeyThatIsNotSixteenAlphanumerics() {
    HttpResponse<String> response =
        caller.send(
            caller
                .unkeyed(START + "?xrfkey=abcdefghijklmno")
                .header("X-Qlik-Xrfkey", "abcdefghijklmno")
                .POST(noBody()));

    assertXsrfRefusal(response);
  }

  @Test
  void refusesHeaderSentTwiceWithDifferentValues() {
    HttpResponse<String> response =
        caller.send(
            caller
                .unkeyed(START + "?xrfkey=abcdefghijklmnop")
                .header("X-Qlik-Xrfkey", "abcdefghijklmnop")
                .header("x-qlik-xrfkey", "ponmlkjihgfedcba")
                .POST(noBody()));

    assertXsrfRefusal(response);
  }

  @Test
  void refusesKeyLostBehindUnencodedHash() {
    HttpRequest.Builder request =
        caller
            .unkeyed(START + "?name=a#b&xrfkey=abcdefghijklmnop")
            .header("X-Qlik-Xrfkey", "abcdefghijklmnop")
            .POST(noBody());

    HttpResponse<String> response = caller.send(request);

    assertXsrfRefusal(response);
  }

  @Test
  void acceptsMatchingKeyWhateverTheCaseOfTheNames() {
    HttpResponse<String> response =
        caller.send(
            caller
                .unkeyed(START + "?XrfKey=Ab3dEf6hIj9lMn0p")
                .header("x-qlik-xrfkey", "Ab3dEf6hIj9lMn0p")
                .POST(noBody()));

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void acceptsMatchingKey() {
    HttpResponse<String> response = caller.post(START);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(204);
  }

  private void assertXsrfRefusal(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo(XSRF_TEXT);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(403);
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }
}
