package dev.taskwire.qrs.internal;

import dev.taskwire.qrs.QrsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks single QRS settings. Each failure is an {@link IllegalArgumentException} whose message
 * names the value seen, what was expected and the setting; a secret value is never echoed.
 */
public final class ConfigChecks {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._~-]*");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "x-qlik-xrfkey",
          "x-qlik-user",
          "authorization",
          "cookie",
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade");

  private ConfigChecks() {}

  /** A host name or address without scheme, port or path. */
  public static String host(String host) {
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "QRS host '"
              + host
              + "' is not a host name such as qlik.example.com; give it without scheme, port or"
              + " path (qrs.host)");
    }
    return host;
  }

  /** A TCP port from 1 to 65535. */
  public static int port(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Port " + port + " is out of range 1 to 65535 (qrs.port)");
    }
    return port;
  }

  /** A virtual proxy prefix: one path segment, slashes around it removed; empty for none. */
  public static String virtualProxy(String prefix) {
    String stripped = prefix.strip().replaceAll("^/+|/+$", "");
    if (!PREFIX.matcher(stripped).matches()) {
      throw new IllegalArgumentException(
          "Virtual proxy prefix '"
              + prefix
              + "' is not one path segment of letters, digits, '-', '_', '.' or '~'"
              + " (qrs.virtualProxy)");
    }
    return stripped;
  }

  /** An absolute {@code https} URI with a host and neither query nor fragment. */
  public static URI baseUri(URI uri) {
    if (!"https".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "Base URI '"
              + uri
              + "' is not an https URI with a host and without query, such as"
              + " https://qlik.example.com:4242 (qrs.baseUri)");
    }
    return uri;
  }

  /** A part of {@code X-Qlik-User}: not blank, and no character that would break the header. */
  public static String userPart(String value, String what, String setting) {
    if (value.isBlank() || value.chars().anyMatch(c -> c == ';' || c == '=' || c < 0x20)) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' must be non-blank and free of ';', '=' and control characters ("
              + setting
              + ")");
    }
    return value;
  }

  /** The name and value of the header a virtual proxy authenticates by. */
  public static void headerAuth(String name, String value) {
    if (!TOKEN.matcher(name).matches()
        || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "Header name '"
              + name
              + "' is not a header name the virtual proxy can read, or is one taskwire sets itself"
              + " (qrs.headerAuth)");
    }
    if (value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      throw new IllegalArgumentException(
          "The value of header "
              + name
              + " must be non-blank and on one line, such as DOMAIN\\user (qrs.headerAuth)");
    }
  }

  /** A bearer token: not blank, no white space. The token itself is never echoed. */
  public static void jwt(String token) {
    if (token.isBlank() || token.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
      throw new IllegalArgumentException(
          "The JWT must be non-blank and contain no white space or control characters (qrs.jwt)");
    }
  }

  /** A positive duration. */
  public static Duration positive(Duration duration, String setting) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "Duration " + duration + " must be positive (" + setting + ")");
    }
    return duration;
  }

  /** A number within {@code [min, max]}. */
  public static int within(int value, int min, int max, String what, String setting) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " " + value + " is out of range " + min + " to " + max + " (" + setting + ")");
    }
    return value;
  }

  /**
   * The URI QRS paths are resolved against: the base URI, or {@code https://host:port}, with the
   * virtual proxy prefix appended. The port defaults to 4242, or to 443 with a prefix or when
   * {@code throughProxy} (header or JWT authentication).
   */
  public static URI endpoint(
      @Nullable URI baseUri,
      @Nullable String host,
      @Nullable Integer port,
      String virtualProxy,
      boolean throughProxy) {
    String prefix = virtualProxy.isEmpty() ? "" : "/" + virtualProxy;
    if (baseUri != null) {
      if (host != null || port != null) {
        throw new IllegalArgumentException(
            "Give either a base URI (qrs.baseUri) or a host and port (qrs.host, qrs.port), not both");
      }
      return URI.create(baseUri(baseUri).toString().replaceAll("/+$", "") + prefix);
    }
    if (host == null) {
      throw new IllegalArgumentException("No QRS host configured (qrs.host)");
    }
    int chosen =
        port != null
            ? port
            : throughProxy || !prefix.isEmpty()
                ? QrsConfig.DEFAULT_PROXY_PORT
                : QrsConfig.DEFAULT_DIRECT_PORT;
    return URI.create("https://" + host + ":" + port(chosen) + prefix);
  }
}
