package dev.taskwire.qrs.testkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an emulated virtual proxy authenticates a caller. Not for users to implement: create one with
 * {@link #header(String)}, {@link #header(String, String)}, {@link #jwt(String)} or {@link
 * #jwt(String, String)}.
 *
 * <pre>{@code
 * QrsEmulator.builder()
 *     .virtualProxy("hdr", VirtualProxyAuth.header("hdr-usr"))
 *     .virtualProxy("jwt", VirtualProxyAuth.jwt("expected-token", "EXTERNAL\\svc_taskwire"));
 * }</pre>
 */
public sealed interface VirtualProxyAuth {

  /**
   * Header authentication with a dynamic user directory: header {@code headerName} carries <code>
   * DIRECTORY&#92;userId</code>, which becomes the request's user. A value without a backslash is
   * refused.
   */
  static VirtualProxyAuth header(String headerName) {
    return new Header(headerName, null);
  }

  /**
   * Header authentication with a static user directory: header {@code headerName} carries the user
   * id; the request's user is <code>staticDirectory&#92;userId</code>.
   */
  static VirtualProxyAuth header(String headerName, String staticDirectory) {
    return new Header(
        headerName, Objects.requireNonNull(staticDirectory, "staticDirectory == null"));
  }

  /**
   * JWT authentication: {@code Authorization: Bearer <expectedToken>} is accepted, anything else
   * refused. The token is compared as a whole, not decoded; the request has no user.
   */
  static VirtualProxyAuth jwt(String expectedToken) {
    return new Jwt(expectedToken, null);
  }

  /**
   * JWT authentication as {@link #jwt(String)}, with {@code user} (<code>DIRECTORY&#92;userId
   * </code>) as the user of accepted requests, standing for the user the token names.
   */
  static VirtualProxyAuth jwt(String expectedToken, String user) {
    return new Jwt(expectedToken, Objects.requireNonNull(user, "user == null"));
  }

  /**
   * Header authentication.
   *
   * @param headerName the header carrying the user, matched case-insensitively
   * @param staticDirectory the user directory for every user, or null when the header carries
   *     <code>DIRECTORY&#92;userId</code>
   */
  record Header(String headerName, @Nullable String staticDirectory) implements VirtualProxyAuth {

    public Header {
      Objects.requireNonNull(headerName, "headerName == null");
      if (headerName.isBlank()) {
        throw new IllegalArgumentException("Header name of a header virtual proxy is blank");
      }
    }
  }

  /**
   * JWT authentication.
   *
   * @param expectedToken the one bearer token accepted
   * @param user the user of accepted requests, <code>DIRECTORY&#92;userId</code>, or null for none
   */
  record Jwt(String expectedToken, @Nullable String user) implements VirtualProxyAuth {

    public Jwt {
      Objects.requireNonNull(expectedToken, "expectedToken == null");
      if (expectedToken.isBlank()) {
        throw new IllegalArgumentException("Expected token of a JWT virtual proxy is blank");
      }
    }

    @Override
    public String toString() {
      return "Jwt[user=" + user + "]";
    }
  }
}
