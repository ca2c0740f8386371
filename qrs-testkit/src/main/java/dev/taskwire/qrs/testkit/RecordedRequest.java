package dev.taskwire.qrs.testkit;

import dev.taskwire.qrs.testkit.internal.Json;
import dev.taskwire.qrs.testkit.internal.QueryParameters;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request the emulator received, with the status it answered.
 *
 * <pre>{@code
 * RecordedRequest request = emulator.requests().get(0);
 * assertThat(request.path()).isEqualTo("/qrs/task/" + id + "/start");
 * assertThat(request.user()).isEqualTo("INTERNAL\\sa_api");
 * assertThat(request.header("X-Qlik-Xrfkey")).isPresent();
 * }</pre>
 *
 * @param method the HTTP method, such as {@code POST}
 * @param path the decoded path, including a virtual proxy prefix if any
 * @param rawQuery the query string as sent, still percent-encoded, or null if none
 * @param headers the request headers, names lower-cased
 * @param body the request body as UTF-8 text, empty if none
 * @param status the status the emulator answered, or {@link #NO_ANSWER} when it closed the
 *     connection without answering
 * @param user the user the request ran as, <code>DIRECTORY&#92;userId</code>: from {@code
 *     X-Qlik-User} in direct mode (null if absent or unparsable), from the virtual proxy's
 *     authentication in proxy mode
 * @param clientCertificateSubject the subject of the client certificate, or null if none was
 *     presented
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
    String method,
    String path,
    @Nullable String rawQuery,
    Map<String, List<String>> headers,
    String body,
    int status,
    @Nullable String user,
    @Nullable String clientCertificateSubject,
    Instant receivedAt) {

  /** The {@link #status()} of a request the emulator dropped without answering: {@value}. */
  public static final int NO_ANSWER = 0;

  public RecordedRequest {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers == null"));
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
  }

  /** Returns the first value of header {@code name}, matched case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns the first value of query parameter {@code name}, matched case-insensitively and
   * percent-decoded as UTF-8.
   */
  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(QueryParameters.lenient(rawQuery).first(name));
  }

  /**
   * Renders the request as one line of JSON: {@code
   * {"method":..,"path":..,"query":..,"user":..,"status":..}}.
   */
  public String toJson() {
    Map<String, @Nullable Object> line = new java.util.LinkedHashMap<>();
    line.put("method", method);
    line.put("path", path);
    line.put("query", rawQuery);
    line.put("user", user);
    line.put("status", status);
    return Json.write(line);
  }
}
