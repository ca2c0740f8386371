package dev.taskwire.qrs.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.taskwire.qrs.testkit.VirtualProxyAuth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The virtual proxies in front of QRS: {@code /<prefix>/qrs/...} is authenticated by the prefix's
 * method, or by the session cookie an earlier authenticated call was given.
 *
 * <p>Without valid authentication the emulator answers 401. A real proxy may instead redirect with
 * 302 to a login page; which one QRS's proxy does for API calls is not confirmed, and a client
 * should treat both as "not authenticated".
 */
public final class ProxyGate implements Gate {

  /** The name of the session cookie of the default virtual proxy (no prefix). */
  public static final String COOKIE = "X-Qlik-Session";

  private final Map<String, VirtualProxyAuth> proxies = new LinkedHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** Creates the gate for {@code proxies} by prefix; an empty prefix is the default proxy. */
  public ProxyGate(Map<String, VirtualProxyAuth> proxies) {
    proxies.forEach((prefix, auth) -> this.proxies.put(prefix.toLowerCase(Locale.ROOT), auth));
  }

  /** Returns the session cookie name of virtual proxy {@code prefix}. */
  public static String cookieName(String prefix) {
    return prefix.isEmpty() ? COOKIE : COOKIE + "-" + prefix;
  }

  @Override
  public Admission admit(
      HttpExchange exchange, List<String> segments, Map<String, List<String>> headers) {
    String first = segments.isEmpty() ? "" : segments.get(0).toLowerCase(Locale.ROOT);
    String prefix;
    List<String> rest;
    if (!first.equals("qrs") && !first.isEmpty() && proxies.containsKey(first)) {
      prefix = first;
      rest = segments.subList(1, segments.size());
    } else if (proxies.containsKey("")) {
      prefix = "";
      rest = segments;
    } else {
      return Admission.refused(
          Response.text(404, "No virtual proxy with prefix '" + first + "'"), null);
    }
    String cookieName = cookieName(prefix);

    String sessionId = cookie(headers.get("cookie"), cookieName);
    Session session = sessionId == null ? null : sessions.get(prefix + '\n' + sessionId);
    if (session != null) {
      return new Admission(null, List.copyOf(rest), session.user(), null, Map.of());
    }

    Session authenticated = authenticate(proxies.get(prefix), headers);
    if (authenticated == null) {
      return Admission.refused(
          Response.text(401, "Not authenticated by virtual proxy '" + prefix + "'"), null);
    }
    String newId = Guids.random();
    sessions.put(prefix + '\n' + newId, authenticated);
    String setCookie = cookieName + "=" + newId + "; Path=/; Secure; HttpOnly";
    return new Admission(
        null, List.copyOf(rest), authenticated.user(), null, Map.of("Set-Cookie", setCookie));
  }

  private static @Nullable Session authenticate(
      VirtualProxyAuth auth, Map<String, List<String>> headers) {
    if (auth instanceof VirtualProxyAuth.Header header) {
      String value = first(headers, header.headerName());
      if (value == null || value.isBlank()) {
        return null;
      }
      if (header.staticDirectory() != null) {
        return new Session(header.staticDirectory() + '\\' + value.trim());
      }
      int slash = value.indexOf('\\');
      return slash < 1 || slash == value.length() - 1 ? null : new Session(value.trim());
    }
    VirtualProxyAuth.Jwt jwt = (VirtualProxyAuth.Jwt) auth;
    String authorization = first(headers, "authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim().equals(jwt.expectedToken())
        ? new Session(jwt.user())
        : null;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static @Nullable String cookie(@Nullable List<String> cookieHeaders, String name) {
    if (cookieHeaders == null) {
      return null;
    }
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase(name)) {
          return pair.substring(equals + 1).trim();
        }
      }
    }
    return null;
  }

  private record Session(@Nullable String user) {}
}
