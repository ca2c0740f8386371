package dev.taskwire.qrs.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;

/**
 * Percent-encodes path segments and query components as UTF-8, keeping only RFC 3986's unreserved
 * characters ({@code A-Z a-z 0-9 - . _ ~}) as they are. A space becomes {@code %20}, never {@code
 * +}; {@code &}, {@code #}, {@code '}, {@code "} and {@code /} are always encoded, so a value can
 * neither end the query, cut off the Xrfkey nor add a path segment.
 */
public final class UriEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {}

  /** Encodes one path segment or one query name or value. */
  public static String component(String text) {
    StringBuilder encoded = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(UTF_8)) {
      int c = b & 0xFF;
      if (unreserved(c)) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return encoded.toString();
  }

  /** Encodes {@code parameters} as {@code name=value} pairs joined by {@code &}, in map order. */
  public static String query(Map<String, String> parameters) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (query.length() > 0) {
        query.append('&');
      }
      query
          .append(component(parameter.getKey()))
          .append('=')
          .append(component(parameter.getValue()));
    }
    return query.toString();
  }

  private static boolean unreserved(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
