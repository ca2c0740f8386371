package dev.taskwire.qrs.testkit.internal;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** QRS's guard against cross-site request forgery: the same key in the query and a header. */
public final class Xrfkey {

  /** The plain-text body of QRS's 403 when the check fails. */
  public static final String FAILURE_MESSAGE =
      "XSRF prevention check failed. Possible XSRF discovered.";

  /** The header that must repeat the query parameter {@code xrfkey}. */
  public static final String HEADER = "x-qlik-xrfkey";

  private static final Pattern KEY = Pattern.compile("[0-9A-Za-z]{16}");

  private Xrfkey() {}

  /**
   * Tells whether the request passes: exactly one {@code xrfkey} query value, exactly one {@code
   * X-Qlik-Xrfkey} header value, equal, and 16 characters {@code [0-9A-Za-z]}.
   *
   * @param queryValues the values of query parameter {@code xrfkey}, any case of the name
   * @param headerValues the values of header {@code X-Qlik-Xrfkey}, any case of the name, or null
   */
  public static boolean passes(List<String> queryValues, @Nullable List<String> headerValues) {
    if (queryValues.size() != 1 || headerValues == null || headerValues.size() != 1) {
      return false;
    }
    String key = queryValues.get(0);
    return KEY.matcher(key).matches() && key.equals(headerValues.get(0));
  }
}
