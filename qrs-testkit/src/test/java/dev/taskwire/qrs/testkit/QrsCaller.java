package dev.taskwire.qrs.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Calls the emulator the way a correct QRS client does: a fresh Xrfkey in the query and the header,
 * and an {@code X-Qlik-User} header.
 */
final class QrsCaller {

  static final String USER_HEADER = "UserDirectory=INTERNAL; UserId=sa_api";
  private static final char[] KEY_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpClient client;
  private final URI base;
  private final @Nullable String userHeader;

  QrsCaller(HttpClient client, URI base, @Nullable String userHeader) {
    this.client = client;
    this.base = base;
    this.userHeader = userHeader;
  }

  /**
   * A caller of {@code emulator}'s direct mode, with its client certificate, as INTERNAL\sa_api.
   */
  static QrsCaller direct(QrsEmulator emulator) {
    return new QrsCaller(
        TlsClients.trusted(emulator.certificates()), emulator.baseUri(), USER_HEADER);
  }

  /** The same caller sending {@code header} as {@code X-Qlik-User}, or none for null. */
  QrsCaller as(@Nullable String header) {
    return new QrsCaller(client, base, header);
  }

  static String newXrfkey() {
    char[] key = new char[16];
    for (int i = 0; i < key.length; i++) {
      key[i] = KEY_CHARS[RANDOM.nextInt(KEY_CHARS.length)];
    }
    return new String(key);
  }

  HttpResponse<String> post(String pathAndQuery) {
    return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> post(String pathAndQuery, String jsonBody) {
    return send(
        request(pathAndQuery)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  /** A request to {@code pathAndQuery} (already encoded) with a matching Xrfkey and the user. */
  HttpRequest.Builder request(String pathAndQuery) {
    String key = newXrfkey();
    String separator = pathAndQuery.contains("?") ? "&" : "?";
    HttpRequest.Builder builder =
        unkeyed(pathAndQuery + separator + "xrfkey=" + key).header("X-Qlik-Xrfkey", key);
    return builder;
  }

  /** A request to {@code pathAndQuery} exactly as given: no Xrfkey added. */
  HttpRequest.Builder unkeyed(String pathAndQuery) {
    // A bound on every call, so that a server that never answers fails the test instead of hanging
    // the build; far above any delay a test injects.
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (userHeader != null) {
      builder.header("X-Qlik-User", userHeader);
    }
    return builder;
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return sendChecked(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<String> sendChecked(HttpRequest.Builder request) throws IOException {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    }
  }
}
