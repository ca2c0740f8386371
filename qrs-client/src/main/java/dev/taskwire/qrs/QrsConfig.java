package dev.taskwire.qrs;

import dev.taskwire.qrs.internal.TlsSetup;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Where QRS is and how to reach it. Built by {@link #builder()}, checked and with its certificate
 * files read in {@link Builder#build()}, so that a missing file or a wrong passphrase fails at
 * start, naming the setting, and never later as a TLS error.
 *
 * <pre>{@code
 * QrsConfig config = QrsConfig.builder()
 *     .host("qlik.example.com")
 *     .authentication(QrsAuthentication.pem(Path.of("client.pem"), Path.of("client_key.pem"), null))
 *     .rootCa(Path.of("root.pem"))
 *     .user("INTERNAL", "sa_api")
 *     .build();
 * }</pre>
 */
public final class QrsConfig {

  /** QRS's own port, reached with a client certificate: {@value}. */
  public static final int DEFAULT_DIRECT_PORT = 4242;

  /** The proxy's port, used when a virtual proxy is set: {@value}. */
  public static final int DEFAULT_PROXY_PORT = 443;

  /** Default time to open a connection: ten seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default time to wait for an answer: thirty seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Default number of requests in flight at once: {@value}. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 16;

  private final URI baseUri;
  private final String userDirectory;
  private final String userId;
  private final QrsAuthentication authentication;
  private final SSLContext sslContext;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxConcurrentRequests;
  private final QrsRetry retry;

  private QrsConfig(Builder builder, URI baseUri, SSLContext sslContext) {
    this.baseUri = baseUri;
    this.userDirectory = builder.userDirectory;
    this.userId = builder.userId;
    this.authentication = Objects.requireNonNull(builder.authentication);
    this.sslContext = sslContext;
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

  /** The user as QRS names it in messages: {@code DIRECTORY\\userId}. */
  public String user() {
    if (authentication instanceof QrsAuthentication.Header header) {
      return header.value();
    }
    return userDirectory + "\\" + userId;
  }

  /** How taskwire authenticates. */
  public QrsAuthentication authentication() {
    return authentication;
  }

  /** The TLS context built from the configured files. */
  public SSLContext sslContext() {
    return sslContext;
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

  /** How failed requests are retried. */
  public QrsRetry retry() {
    return retry;
  }

  @Override
  public String toString() {
    return "QrsConfig[" + baseUri + ", user=" + user() + ", authentication=" + authentication + "]";
  }

  /** Builds a {@link QrsConfig}. */
  public static final class Builder {

    private @Nullable URI baseUri;
    private @Nullable String host;
    private int port;
    private String virtualProxy = "";
    private String userDirectory = "INTERNAL";
    private String userId = "sa_api";
    private @Nullable QrsAuthentication authentication;
    private @Nullable Path rootCa;
    private boolean hostnameVerification = true;
    private boolean trustAnyServerCertificate;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
    private QrsRetry retry = QrsRetry.DEFAULT;

    private Builder() {}

    /** The QRS or proxy host, as named in its certificate (the node's machine name). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** The port; defaults to 4242, or 443 when a virtual proxy is set. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** A virtual proxy prefix such as {@code hdr}; empty (the default) for direct access. */
    public Builder virtualProxy(String prefix) {
      this.virtualProxy =
          Objects.requireNonNull(prefix, "prefix == null").replaceAll("^/+|/+$", "");
      return this;
    }

    /** The whole base URI instead of host, port and prefix, such as {@code https://qlik:4242}. */
    public Builder baseUri(URI baseUri) {
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri == null");
      return this;
    }

    /** The {@code X-Qlik-User} sent with every call. Defaults to INTERNAL / sa_api. */
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

    /** The root CA to trust ({@code root.pem}, or DER {@code root.cer}); only it is trusted. */
    public Builder rootCa(Path rootCa) {
      this.rootCa = Objects.requireNonNull(rootCa, "rootCa == null");
      return this;
    }

    /**
     * Accepts a server certificate issued to another host name, for example when connecting by IP
     * address. Off by default; logged at WARN when turned off.
     */
    public Builder hostnameVerification(boolean hostnameVerification) {
      this.hostnameVerification = hostnameVerification;
      return this;
    }

    /**
     * Accepts any server certificate at all, as Butler's {@code rejectUnauthorized: false} does.
     * Off by default; logged at WARN when on. Anyone on the network path could then read the client
     * certificate's requests.
     */
    public Builder trustAnyServerCertificate(boolean trustAny) {
      this.trustAnyServerCertificate = trustAny;
      return this;
    }

    /** Time to open a connection. Defaults to ten seconds. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout == null");
      return this;
    }

    /** Time to wait for each answer. Defaults to thirty seconds. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout == null");
      return this;
    }

    /** Requests in flight at once; further ones wait without blocking a thread. Defaults to 16. */
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
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     * @throws dev.taskwire.core.TaskwireException naming the setting and the absolute path of a
     *     file that is missing or cannot be read
     */
    public QrsConfig build() {
      if (authentication == null) {
        throw new IllegalArgumentException(
            "No authentication configured: give a client certificate (qrs.clientCert, qrs.clientKey),"
                + " a .pfx (qrs.pfx), a header (qrs.headerAuth) or a JWT (qrs.jwt)");
      }
      if (maxConcurrentRequests < 1 || maxConcurrentRequests > 1024) {
        throw new IllegalArgumentException(
            "Concurrent requests "
                + maxConcurrentRequests
                + " is out of range 1 to 1024 (qrs.maxConcurrentRequests)");
      }
      if (rootCa == null && !trustAnyServerCertificate) {
        throw new IllegalArgumentException(
            "No root CA configured (qrs.rootCa); QRS certificates are issued by the site's own CA");
      }
      if (userDirectory.isBlank() || userId.isBlank()) {
        throw new IllegalArgumentException(
            "User directory and user ID must not be blank (qrs.userDirectory, qrs.userId)");
      }
      URI base = baseUri != null ? baseUri : composeUri();
      SSLContext context =
          TlsSetup.sslContext(
              authentication, rootCa, hostnameVerification, trustAnyServerCertificate);
      return new QrsConfig(this, stripSlash(base), context);
    }

    private URI composeUri() {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("No QRS host configured (qrs.host)");
      }
      int chosenPort =
          port != 0 ? port : virtualProxy.isEmpty() ? DEFAULT_DIRECT_PORT : DEFAULT_PROXY_PORT;
      if (chosenPort < 1 || chosenPort > 65535) {
        throw new IllegalArgumentException(
            "Port " + chosenPort + " is out of range 1 to 65535 (qrs.port)");
      }
      String prefix = virtualProxy.isEmpty() ? "" : "/" + virtualProxy;
      return URI.create("https://" + host + ":" + chosenPort + prefix);
    }

    private static URI stripSlash(URI uri) {
      String text = uri.toString();
      return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
  }
}
