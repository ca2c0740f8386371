package dev.taskwire.qrs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.taskwire.core.FailureKind;
import dev.taskwire.qrs.internal.AsyncLimiter;
import dev.taskwire.qrs.internal.Xrfkey;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the QRS REST API: one {@link HttpClient} per configuration, connections reused, a fresh
 * Xrfkey per request in both the query and the header, the {@code X-Qlik-User} header, and a bound
 * on requests in flight. Thread-safe; calls never block the calling thread.
 *
 * <p>An answer with any status completes the returned stage normally; only a missing answer
 * (connection failed or reset, timeout) completes it with a {@link QrsTransportException}. Failures
 * are retried as {@link QrsRetry} describes.
 */
public final class QrsClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QrsClient.class);

  private final QrsConfig config;
  private final HttpClient http;
  private final AsyncLimiter limiter;

  private QrsClient(QrsConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .sslContext(config.sslContext())
            .connectTimeout(config.connectTimeout())
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_2)
            .build();
    this.limiter = new AsyncLimiter(config.maxConcurrentRequests());
  }

  /** Creates a client; its TLS context was built with the configuration. */
  public static QrsClient create(QrsConfig config) {
    return new QrsClient(Objects.requireNonNull(config, "config == null"));
  }

  /** The configuration this client was created with. */
  public QrsConfig config() {
    return config;
  }

  /** {@code GET path?query}; retried on server errors, network failures and timeouts. */
  public CompletableFuture<QrsResponse> get(String path, Map<String, String> query) {
    return send("GET", path, query, null, 1);
  }

  /**
   * {@code POST path?query} with an optional JSON body; retried only where QRS cannot have acted
   * (connection refused, 503).
   */
  public CompletableFuture<QrsResponse> post(
      String path, Map<String, String> query, @Nullable String json) {
    return send("POST", path, query, json, 1);
  }

  private CompletableFuture<QrsResponse> send(
      String method, String path, Map<String, String> query, @Nullable String json, int attempt) {
    long started = System.nanoTime();
    CompletableFuture<QrsResponse> answer =
        limiter
            .submit(
                () ->
                    http.sendAsync(
                        request(method, path, query, json),
                        HttpResponse.BodyHandlers.ofString(UTF_8)))
            .handle(
                (response, failure) -> {
                  if (failure != null) {
                    throw transportFailure(method, path, unwrap(failure));
                  }
                  log.debug(
                      "{} {} -> {} in {} ms",
                      method,
                      path,
                      response.statusCode(),
                      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                  return new QrsResponse(method, path, response.statusCode(), response.body());
                });
    return answer
        .handle(
            (response, failure) ->
                retryIfSafe(method, path, query, json, attempt, response, failure))
        .thenCompose(next -> next);
  }

  private CompletableFuture<QrsResponse> retryIfSafe(
      String method,
      String path,
      Map<String, String> query,
      @Nullable String json,
      int attempt,
      @Nullable QrsResponse response,
      @Nullable Throwable failure) {
    boolean retry =
        attempt < config.retry().maxAttempts() && safeToRetry(method, response, failure);
    if (!retry) {
      return failure != null
          ? CompletableFuture.failedFuture(unwrap(failure))
          : CompletableFuture.completedFuture(response);
    }
    long delay = config.retry().backoff(attempt).toMillis();
    log.warn(
        "Retrying {} {} in {} ms (attempt {} of {}): {}",
        method,
        path,
        delay,
        attempt + 1,
        config.retry().maxAttempts(),
        failure != null ? unwrap(failure).getMessage() : "QRS answered " + response.status());
    return CompletableFuture.supplyAsync(
            () -> send(method, path, query, json, attempt + 1),
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
        .thenCompose(next -> next);
  }

  private static boolean safeToRetry(
      String method, @Nullable QrsResponse response, @Nullable Throwable failure) {
    boolean idempotent = method.equals("GET");
    if (failure != null) {
      return unwrap(failure) instanceof QrsTransportException transport
          && (idempotent || !transport.maybeSent());
    }
    int status = response.status();
    return status == 503 || idempotent && (status == 500 || status == 502 || status == 504);
  }

  private HttpRequest request(
      String method, String path, Map<String, String> query, @Nullable String json) {
    String xrfkey = Xrfkey.next();
    Map<String, String> parameters = new LinkedHashMap<>(query);
    parameters.put("xrfkey", xrfkey);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(config.baseUri() + path + "?" + encode(parameters)))
            .timeout(config.requestTimeout())
            .header("X-Qlik-Xrfkey", xrfkey)
            .header("Accept", "application/json")
            .header("User-Agent", "taskwire");

    QrsAuthentication authentication = config.authentication();
    if (authentication instanceof QrsAuthentication.Header header) {
      builder.header(header.name(), header.value());
    } else if (authentication instanceof QrsAuthentication.Jwt jwt) {
      builder.header("Authorization", "Bearer " + jwt.token());
    } else {
      builder.header(
          "X-Qlik-User", "UserDirectory=" + config.userDirectory() + "; UserId=" + config.userId());
    }

    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, UTF_8);
    return builder.method(method, body).build();
  }

  /** Percent-encodes each name and value as UTF-8, with {@code %20} for a space. */
  static String encode(Map<String, String> parameters) {
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

  /** Percent-encodes one path segment or query component. */
  public static String component(String text) {
    return URLEncoder.encode(text, UTF_8).replace("+", "%20");
  }

  private QrsTransportException transportFailure(String method, String path, Throwable cause) {
    String where = method + " " + config.baseUri() + path;
    if (cause instanceof HttpConnectTimeoutException) {
      return new QrsTransportException(
          where
              + " could not connect within "
              + config.connectTimeout().toMillis()
              + " ms (qrs.connectTimeout)",
          FailureKind.TIMEOUT,
          false,
          cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new QrsTransportException(
          where
              + " got no answer within "
              + config.requestTimeout().toMillis()
              + " ms (qrs.requestTimeout)",
          FailureKind.TIMEOUT,
          true,
          cause);
    }
    if (cause instanceof ConnectException) {
      String reason = cause.getMessage() == null ? "connection refused" : cause.getMessage();
      return new QrsTransportException(
          where
              + " could not connect ("
              + reason
              + "): is QRS listening there? (qrs.host, qrs.port)",
          FailureKind.NETWORK,
          false,
          cause);
    }
    SSLHandshakeException handshake = handshakeFailure(cause);
    if (handshake != null) {
      // A certificate that does not check out will not check out on the next try either.
      return new QrsTransportException(
          where + " failed the TLS handshake: " + handshake.getMessage() + tlsHint(handshake),
          FailureKind.CONFIGURATION,
          false,
          cause);
    }
    if (cause instanceof IOException) {
      return new QrsTransportException(
          where + " failed: " + cause, FailureKind.NETWORK, true, cause);
    }
    return new QrsTransportException(where + " failed: " + cause, FailureKind.NETWORK, true, cause);
  }

  private static @Nullable SSLHandshakeException handshakeFailure(Throwable cause) {
    for (Throwable current = cause; current != null; current = current.getCause()) {
      if (current instanceof SSLHandshakeException handshake) {
        return handshake;
      }
    }
    return null;
  }

  private static String tlsHint(Throwable cause) {
    String text = String.valueOf(cause.getMessage());
    if (text.contains("subject alternative") || text.contains("No name matching")) {
      return " (the server certificate is issued to another host name: connect by the name it was"
          + " issued to, or turn qrs.hostnameVerification off)";
    }
    if (text.contains("PKIX")) {
      return " (the server certificate is not issued by the configured root CA, qrs.rootCa)";
    }
    return "";
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Lets go of idle connections; the JDK client has no explicit close before Java 21. */
  @Override
  public void close() {
    log.debug("QRS client for {} closed", config.baseUri());
  }
}
