package dev.taskwire.qrs;

import dev.taskwire.qrs.internal.ConfigChecks;
import dev.taskwire.qrs.internal.TlsSetup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Where QRS is and how to reach it. Built by {@link #builder()}; {@link Builder#build()} checks
 * every setting and reads the certificate files once, so that a missing file, a wrong passphrase or
 * a key that does not belong to its certificate fails at configuration time, naming the setting and
 * the absolute path, and never later as a TLS error. Immutable and thread-safe; {@link #toString()}
 * holds no secret.
 *
 * <pre>{@code
 * QrsConfig config = QrsConfig.builder()
 *     .host("qlik.example.com")                        // the name in QRS's certificate
 *     .authentication(QrsAuthentication.pem(Path.of("client.pem"), Path.of("client_key.pem")))
 *     .rootCa(Path.of("root.pem"))
 *     .user("INTERNAL", "sa_api")
 *     .build();                                        // https://qlik.example.com:4242
 * }</pre>
 */
public final class QrsConfig {

  /** QRS's own port, reached with a client certificate: {@value}. */
  public static final int DEFAULT_DIRECT_PORT = 4242;

  /** The proxy's port, used with a virtual proxy prefix, a header or a JWT: {@value}. */
  public static final int DEFAULT_PROXY_PORT = 443;

  /** The user directory of {@code X-Qlik-User} unless set: {@value}. */
  public static final String DEFAULT_USER_DIRECTORY = "INTERNAL";

  /** The user ID of {@code X-Qlik-User} unless set: {@value}. */
  public static final String DEFAULT_USER_ID = "sa_api";

  /** Default time to open a connection, TLS handshake included: ten seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default time to wait for each answer: thirty seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Default number of requests in flight at once: {@value}. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 16;

  /** Default retry policy: {@link QrsRetry#DEFAULT}, three attempts with full jitter. */
  public static final QrsRetry DEFAULT_RETRY = QrsRetry.DEFAULT;

  private final URI baseUri;
  private final String userDirectory;
  private final String userId;
  private final QrsAuthentication authentication;
  private final @Nullable Path rootCa;
  private final boolean hostnameVerification;
  private final boolean trustAnyServerCertificate;
  private final SSLContext sslContext;
  private final boolean clientCertificateFromRootCa;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxConcurrentRequests;
  private final QrsRetry retry;

  private QrsConfig(
      Builder builder, URI baseUri, QrsAuthentication authentication, TlsSetup.Context tls) {
    this.baseUri = baseUri;
    this.userDirectory = builder.userDirectory;
    this.userId = builder.userId;
    this.authentication = authentication;
    this.rootCa = builder.rootCa;
    this.hostnameVerification = builder.hostnameVerification;
    this.trustAnyServerCertificate = builder.trustAnyServerCertificate;
    this.sslContext = tls.context();
    this.clientCertificateFromRootCa = tls.clientFromRoot();
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.maxConcurrentRequests = builder.maxConcurrentRequests;
    this.retry = builder.retry;
  }

  /** Returns a builder with every default set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The URI that {@code /qrs/...} paths are resolved against, virtual proxy prefix included. */
  public URI baseUri() {
    return baseUri;
  }

  /** The user directory of {@code X-Qlik-User}. */
  public String userDirectory() {
    return userDirectory;
  }

  /** The user ID of {@code X-Qlik-User}. */
  public String userId() {
    return userId;
  }

  /**
   * The user QRS acts for, as messages name it: <code>DIRECTORY&#92;userId</code> with a client
   * certificate, the header's value with header authentication, and "the JWT's user" with a JWT,
   * whose user only the token itself names.
   */
  public String user() {
    if (authentication instanceof QrsAuthentication.Header header) {
      return header.value();
    }
    if (authentication instanceof QrsAuthentication.Jwt) {
      return "the JWT's user";
    }
    return userDirectory + "\\" + userId;
  }

  /** How taskwire authenticates. */
  public QrsAuthentication authentication() {
    return authentication;
  }

  /** The root CA file trusted, or empty when any server certificate is trusted. */
  public Optional<Path> rootCa() {
    return Optional.ofNullable(rootCa);
  }

  /** Whether the server certificate must be issued to the host connected to. */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  /** Whether any server certificate at all is accepted. */
  public boolean trustAnyServerCertificate() {
    return trustAnyServerCertificate;
  }

  /** The TLS context built once from the configured files. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * False when the client certificate is known not to be issued by the root CA ({@code
   * qrs.rootCa}). QRS issues both from one site CA and refuses such a certificate, which shows only
   * as connections closed after sending. True without a client certificate or root CA to compare.
   */
  public boolean clientCertificateFromRootCa() {
    return clientCertificateFromRootCa;
  }

  /** Time to open a connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Time to wait for each answer. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Requests in flight at once. */
  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /** How failed requests are retried, where that is safe. */
  public QrsRetry retry() {
    return retry;
  }

  @Override
  public String toString() {
    return String.format(
        "QrsConfig[%s, user=%s, authentication=%s, rootCa=%s, hostnameVerification=%s,"
            + " trustAnyServerCertificate=%s, connectTimeout=%s, requestTimeout=%s,"
            + " maxConcurrentRequests=%d, retry=%s]",
        baseUri,
        user(),
        authentication,
        rootCa == null ? "none" : rootCa,
        hostnameVerification,
        trustAnyServerCertificate,
        connectTimeout,
        requestTimeout,
        maxConcurrentRequests,
        retry);
  }

  /** Builds a {@link QrsConfig}; not thread-safe. */
  public static final class Builder {

    private @Nullable URI baseUri;
    private @Nullable String host;
    private @Nullable Integer port;
    private String virtualProxy = "";
    private String userDirectory = QrsConfig.DEFAULT_USER_DIRECTORY;
    private String userId = QrsConfig.DEFAULT_USER_ID;
    private @Nullable QrsAuthentication authentication;
    private @Nullable Path rootCa;
    private boolean hostnameVerification = true;
    private boolean trustAnyServerCertificate;
    private Duration connectTimeout = QrsConfig.DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = QrsConfig.DEFAULT_REQUEST_TIMEOUT;
    private int maxConcurrentRequests = QrsConfig.DEFAULT_MAX_CONCURRENT_REQUESTS;
    private QrsRetry retry = QrsConfig.DEFAULT_RETRY;

    private Builder() {}

    /**
     * The QRS or proxy host, as named in its certificate (the node's machine name, not an address).
     *
     * @throws IllegalArgumentException if it holds a scheme, port or path (qrs.host)
     */
    public Builder host(String host) {
      this.host = ConfigChecks.host(Objects.requireNonNull(host, "host == null"));
      return this;
    }

    /**
     * The port. Defaults to {@value QrsConfig#DEFAULT_DIRECT_PORT} for a client certificate, and to
     * {@value QrsConfig#DEFAULT_PROXY_PORT} with a virtual proxy prefix, a header or a JWT.
     *
     * @throws IllegalArgumentException if out of range 1 to 65535 (qrs.port)
     */
    public Builder port(int port) {
      this.port = ConfigChecks.port(port);
      return this;
    }

    /**
     * A virtual proxy prefix such as {@code hdr}, appended to the host and port or to the base URI;
     * empty (the default) for direct access or the proxy's default virtual proxy.
     *
     * @throws IllegalArgumentException if it is more than one path segment (qrs.virtualProxy)
     */
    public Builder virtualProxy(String prefix) {
      this.virtualProxy =
          ConfigChecks.virtualProxy(Objects.requireNonNull(prefix, "prefix == null"));
      return this;
    }

    /**
     * The base URI instead of host and port, such as {@code https://qlik.example.com:4242} or
     * {@code https://qlik.example.com/hdr}; a prefix set with {@link #virtualProxy} is appended to
     * it.
     */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri == null");
      return this;
    }

    /**
     * The {@code X-Qlik-User} sent with every direct call. Defaults to {@value
     * QrsConfig#DEFAULT_USER_DIRECTORY} / {@value QrsConfig#DEFAULT_USER_ID}.
     */
    public Builder user(String userDirectory, String userId) {
      this.userDirectory = Objects.requireNonNull(userDirectory, "userDirectory == null");
      this.userId = Objects.requireNonNull(userId, "userId == null");
      return this;
    }

    /** How to authenticate; required. */
    public Builder authentication(QrsAuthentication authentication) {
      this.authentication = Objects.requireNonNull(authentication, "authentication == null");
      return this;
    }

    /**
     * The root CA to trust, PEM ({@code root.pem}) or DER ({@code root.cer}); only it is trusted.
     * Required unless {@link #trustAnyServerCertificate} is on.
     */
    public Builder rootCa(Path rootCa) {
      this.rootCa = Objects.requireNonNull(rootCa, "rootCa == null");
      return this;
    }

    /**
     * Whether the server certificate must be issued to the host connected to. On by default; turn
     * it off, for example to connect by IP address, only by calling this with false. Logged at WARN
     * when a client is created with it off.
     */
    public Builder hostnameVerification(boolean hostnameVerification) {
      this.hostnameVerification = hostnameVerification;
      return this;
    }

    /**
     * Accepts any server certificate at all, as Butler's {@code rejectUnauthorized: false} does.
     * Off by default; logged at WARN when a client is created with it on. Anyone on the network
     * path could then pose as QRS and read every request.
     */
    public Builder trustAnyServerCertificate(boolean trustAny) {
      this.trustAnyServerCertificate = trustAny;
      return this;
    }

    /** Time to open a connection, TLS handshake included. Defaults to ten seconds. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout == null");
      return this;
    }

    /** Time to wait for each answer. Defaults to thirty seconds. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
      return this;
    }

    /**
     * Requests in flight at once, 1 to 1024; further ones wait in a queue without blocking a
     * thread. Defaults to {@value QrsConfig#DEFAULT_MAX_CONCURRENT_REQUESTS}.
     */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /**
     * How failed requests are retried, where that is safe. Defaults to {@link QrsRetry#DEFAULT}.
     */
    public Builder retry(QrsRetry retry) {
      this.retry = Objects.requireNonNull(retry, "retry == null");
      return this;
    }

    /**
     * Checks the settings and reads the certificate files.
     *
     * @throws IllegalArgumentException naming the setting that is missing, out of range or in
     *     conflict with another
     * @throws dev.taskwire.core.TaskwireException naming the setting and the absolute path of a
     *     file that is missing or unreadable, holds no certificate or key, needs another passphrase
     *     or password, or holds a key that does not belong to the certificate
     */
    public QrsConfig build() {
      QrsAuthentication chosen = checked();
      boolean throughProxy =
          chosen instanceof QrsAuthentication.Header || chosen instanceof QrsAuthentication.Jwt;
      URI base = ConfigChecks.endpoint(baseUri, host, port, virtualProxy, throughProxy);
      TlsSetup.Context context =
          TlsSetup.sslContext(chosen, rootCa, hostnameVerification, trustAnyServerCertificate);
      return new QrsConfig(this, base, chosen, context);
    }

    private QrsAuthentication checked() {
      if (authentication == null) {
        throw new IllegalArgumentException(
            "No authentication configured: give a client certificate (qrs.clientCert,"
                + " qrs.clientKey), a .pfx (qrs.pfx), a header (qrs.headerAuth) or a JWT (qrs.jwt)");
      }
      ConfigChecks.userPart(userDirectory, "User directory", "qrs.userDirectory");
      ConfigChecks.userPart(userId, "User ID", "qrs.userId");
      ConfigChecks.positive(connectTimeout, "qrs.connectTimeout");
      ConfigChecks.positive(requestTimeout, "qrs.requestTimeout");
      ConfigChecks.within(
          maxConcurrentRequests, 1, 1024, "Concurrent requests", "qrs.maxConcurrentRequests");
      if (rootCa == null && !trustAnyServerCertificate) {
        throw new IllegalArgumentException(
            "No root CA configured (qrs.rootCa): QRS certificates are issued by the site's own CA,"
                + " exported as root.pem or root.cer");
      }
      return authentication;
    }
  }
}
