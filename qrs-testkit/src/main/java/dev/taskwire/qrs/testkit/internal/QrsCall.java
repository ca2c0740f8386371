package dev.taskwire.qrs.testkit.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request that passed the virtual proxy and the Xrfkey check, as QRS's endpoints see it.
 *
 * @param method the HTTP method, upper case
 * @param segments the decoded path segments after any virtual proxy prefix, starting with {@code
 *     qrs}
 * @param query the parsed query parameters
 * @param body the request body
 * @param user the user the call runs as, <code>DIRECTORY&#92;userId</code>, or null for none
 */
public record QrsCall(
    String method,
    List<String> segments,
    QueryParameters query,
    String body,
    @Nullable String user) {

  /** Returns segment {@code index}, lower-cased, or an empty string past the end. */
  public String segment(int index) {
    return index < segments.size() ? segments.get(index).toLowerCase(java.util.Locale.ROOT) : "";
  }

  /** Tells whether the method is {@code method}. */
  public boolean is(String expected) {
    return method.equals(expected);
  }
}
