package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualProxyTest {

  private static final String TASK = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String HIDDEN = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";

  @TempDir Path dir;
  private QrsEmulator emulator;
  private QrsCaller proxy;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .task(EmulatedTask.reload(HIDDEN, "Hidden").visibleTo("CORP\\boss"))
            .virtualProxy("hdr", VirtualProxyAuth.header("hdr-usr"))
            .virtualProxy("static", VirtualProxyAuth.header("X-User", "CORP"))
            .virtualProxy("jwt", VirtualProxyAuth.jwt("expected-token", "EXTERNAL\\svc"))
            .virtualProxy("anon", VirtualProxyAuth.jwt("other-token"))
            .start();
    // No client certificate: the proxy does not ask for one.
    HttpClient client = TlsClients.withoutClientCertificate(emulator.certificates());
    proxy = new QrsCaller(client, emulator.proxyBaseUri(), null);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void refusesHeaderProxyCallWithoutTheHeader() {
    HttpResponse<String> response = proxy.post("/hdr/qrs/task/" + TASK + "/start");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void runsHeaderProxyCallAsTheNamedUserAndSetsSessionCookie() {
    HttpResponse<String> response =
        proxy.send(
            proxy
                .request("/hdr/qrs/task/" + TASK + "/start")
                .header("hdr-usr", "CORP\\jdoe")
                .POST(noBody()));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("X-Qlik-Session-hdr="));
    RecordedRequest recorded = emulator.requests().get(0);
    assertThat(recorded.user()).isEqualTo("CORP\\jdoe");
    assertThat(recorded.path()).isEqualTo("/hdr/qrs/task/" + TASK + "/start");
    assertThat(recorded.clientCertificateSubject()).isNull();
  }

  @Test
  void acceptsSessionCookieInsteadOfTheHeader() {
    HttpResponse<String> first =
        proxy.send(
            proxy
                .request("/hdr/qrs/task/" + HIDDEN + "/start")
                .header("hdr-usr", "CORP\\boss")
                .POST(noBody()));
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

    HttpResponse<String> second =
        proxy.send(
            proxy
                .request("/hdr/qrs/task/" + HIDDEN + "/start")
                .header("Cookie", cookie)
                .POST(noBody()));

    assertThat(second.statusCode()).isEqualTo(204);
    assertThat(second.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(emulator.requests().get(1).user()).isEqualTo("CORP\\boss");
  }

  @Test
  void refusesUnknownSessionCookieAndCookieOfAnotherProxy() {
    HttpResponse<String> first =
        proxy.send(
            proxy
                .request("/hdr/qrs/task/" + TASK + "/start")
                .header("hdr-usr", "CORP\\jdoe")
                .POST(noBody()));
    String sessionId =
        first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0].split("=")[1];

    HttpResponse<String> forged =
        proxy.send(
            proxy
                .request("/hdr/qrs/task/" + TASK + "/start")
                .header("Cookie", "X-Qlik-Session-hdr=nope")
                .POST(noBody()));
    HttpResponse<String> elsewhere =
        proxy.send(
            proxy
                .request("/jwt/qrs/task/" + TASK + "/start")
                .header("Cookie", "X-Qlik-Session-jwt=" + sessionId)
                .POST(noBody()));

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(elsewhere.statusCode()).isEqualTo(401);
  }

  @Test
  void refusesHeaderValueWithoutDirectory() {
    HttpResponse<String> response =
        proxy.send(
            proxy
                .request("/hdr/qrs/task/" + TASK + "/start")
                .header("hdr-usr", "jdoe")
                .POST(noBody()));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void prefixesStaticDirectoryToHeaderValue() {
    HttpResponse<String> response =
        proxy.send(
            proxy
                .request("/STATIC/qrs/task/" + TASK + "/start")
                .header("x-user", "jdoe")
                .POST(noBody()));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(emulator.requests().get(0).user()).isEqualTo("CORP\\jdoe");
  }

  @Test
  void acceptsExpectedBearerTokenOnly() {
    HttpResponse<String> wrong =
        proxy.send(
            proxy
                .request("/jwt/qrs/task/" + TASK + "/start")
                .header("Authorization", "Bearer wrong")
                .POST(noBody()));
    HttpResponse<String> right =
        proxy.send(
            proxy
                .request("/jwt/qrs/task/" + TASK + "/start")
                .header("Authorization", "Bearer expected-token")
                .POST(noBody()));
    HttpResponse<String> none = proxy.post("/jwt/qrs/task/" + TASK + "/start");

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(right.statusCode()).isEqualTo(204);
    assertThat(right.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("X-Qlik-Session-jwt="));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(emulator.requests().get(1).user()).isEqualTo("EXTERNAL\\svc");
  }

  @Test
  void runsTokenWithoutUserAsNoUser() {
    HttpResponse<String> response =
        proxy.send(
            proxy
                .request("/anon/qrs/task/" + TASK + "/start")
                .header("Authorization", "bearer other-token")
                .POST(noBody()));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(emulator.requests().get(0).user()).isNull();
  }

  @Test
  void appliesQrsRulesBehindTheProxy() {
    HttpRequest.Builder unkeyed =
        proxy
            .unkeyed("/hdr/qrs/task/" + TASK + "/start")
            .header("hdr-usr", "CORP\\jdoe")
            .POST(noBody());

    HttpResponse<String> refused = proxy.send(unkeyed);
    HttpResponse<String> hidden =
        proxy.send(
            proxy
                .request("/hdr/qrs/task/" + HIDDEN + "/start")
                .header("hdr-usr", "CORP\\jdoe")
                .POST(noBody()));
    HttpResponse<String> listed =
        proxy.send(proxy.request("/hdr/qrs/reloadtask/full").header("hdr-usr", "CORP\\jdoe").GET());

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo("XSRF prevention check failed. Possible XSRF discovered.");
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(listed.body()).contains(TASK).doesNotContain(HIDDEN);
  }

  @Test
  void answersNotFoundForUnknownPrefix() {
    HttpResponse<String> response = proxy.post("/nope/qrs/task/" + TASK + "/start");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void servesDefaultVirtualProxyWithoutPrefix() {
    try (QrsEmulator plain =
        QrsEmulator.builder()
            .certificateDirectory(dir.resolve("default"))
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .virtualProxy("", VirtualProxyAuth.header("hdr-usr"))
            .start()) {
      QrsCaller caller =
          new QrsCaller(
              TlsClients.withoutClientCertificate(plain.certificates()),
              plain.proxyBaseUri(),
              null);

      HttpResponse<String> response =
          caller.send(
              caller
                  .request("/qrs/task/" + TASK + "/start")
                  .header("hdr-usr", "CORP\\jdoe")
                  .POST(noBody()));

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.headers().firstValue("Set-Cookie"))
          .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("X-Qlik-Session="));
    }
  }

  @Test
  void hasNoProxyAddressWithoutVirtualProxy() {
    try (QrsEmulator direct =
        QrsEmulator.builder().certificateDirectory(dir.resolve("d")).start()) {

      assertThatThrownBy(direct::proxyBaseUri)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "The emulator has no virtual proxy; add one with QrsEmulator.Builder.virtualProxy");
    }
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }
}
