package dev.taskwire.qrs;

import java.util.Objects;

/**
 * An answer from QRS, whatever its status.
 *
 * @param method the request's method
 * @param path the request's path from the server's root, virtual proxy prefix included, without the
 *     query (which holds the Xrfkey)
 * @param status the HTTP status
 * @param body the body as text (empty when there is none)
 */
public record QrsResponse(String method, String path, int status, String body) {

  public QrsResponse {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(body, "body == null");
  }

  /** Tells whether the status is 2xx. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body cut to {@code max} characters on one line, for messages. */
  public String bodyPreview(int max) {
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() <= max ? line : line.substring(0, max) + "…";
  }
}
