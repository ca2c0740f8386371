package dev.taskwire.qrs.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An answer to send: a status, an optional body with its content type, and extra headers.
 *
 * @param status the HTTP status
 * @param contentType the body's content type, or null when there is no body
 * @param body the body, empty for none
 * @param headers extra response headers
 */
public record Response(
    int status, @Nullable String contentType, byte[] body, Map<String, String> headers) {

  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";

  /** An answer without a body. */
  public static Response empty(int status) {
    return new Response(status, null, new byte[0], Map.of());
  }

  /** A plain-text answer. */
  public static Response text(int status, String text) {
    return new Response(status, TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A JSON answer rendering {@code value}. */
  public static Response json(int status, Object value) {
    return new Response(status, JSON, Json.writeBytes(value), Map.of());
  }

  /** Returns a copy with one more response header. */
  public Response withHeader(String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(headers);
    copy.put(name, value);
    return new Response(status, contentType, body, Map.copyOf(copy));
  }
}
