package dev.taskwire.qrs;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.internal.QrsFailures;
import dev.taskwire.qrs.internal.TransportFailures;
import dev.taskwire.qrs.internal.UriEncoding;
import dev.taskwire.qrs.internal.Xrfkey;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the QRS REST API over one shared {@link HttpClient}: HTTP/2 where the server offers it,
 * else HTTP/1.1; connections reused; the TLS context built once with the configuration. Every call
 * carries a fresh random Xrfkey, the same in the {@code xrfkey} query parameter and the {@code
 * X-Qlik-Xrfkey} header, and the configured credential: {@code X-Qlik-User} with a client
 * certificate, the configured header, or {@code Authorization: Bearer}. Cookies the proxy sets are
 * sent back. At most {@link QrsConfig#maxConcurrentRequests()} requests are in flight, each sent
 * from one of as many daemon threads named {@code taskwire-qrs-N}; the rest wait in a queue, and no
 * calling thread is ever blocked. Bounding the requests keeps {@code HttpClient} from opening one
 * connection (and one TLS handshake) per request during a burst; the queue has no bound of its own,
 * so callers bound what they submit, as the MQTT trigger bounds the starts it has in flight.
 *
 * <pre>{@code
 * try (QrsClient client = QrsClient.create(config)) {
 *   QrsResponse tasks = client.get("/qrs/task/full", Map.of("filter", "name eq 'Reload sales'"))
 *       .get(30, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * <p>An answer with any status completes the returned stage normally; only a missing answer
 * completes it with a {@link QrsTransportException}, after the retries that {@link QrsRetry}
 * allows. The stages complete on the {@code taskwire-qrs} threads: dependent work that blocks holds
 * a request slot meanwhile. Thread-safe.
 */
public final class QrsClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QrsClient.class);
  private static final String ACCESS = "access to QRS";
  private static final Duration IDLE_THREAD_KEEP_ALIVE = Duration.ofSeconds(30);

  private final QrsConfig config;
  private final HttpClient http;
  private final ThreadPoolExecutor requests;
  private volatile boolean closed;

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
    this.requests = requestThreads(config.maxConcurrentRequests());
    if (config.trustAnyServerCertificate()) {
      log.warn(
          "QRS server certificates at {} are not verified at all"
              + " (qrs.trustAnyServerCertificate, Butler's rejectUnauthorized: false)",
          config.baseUri());
    } else if (!config.hostnameVerification()) {
      log.warn(
          "QRS host name verification is off for {} (qrs.hostnameVerification: false)",
          config.baseUri());
    }
    log.info(
        "QRS client for {} as {}, up to {} requests in flight",
        config.baseUri(),
        config.user(),
        config.maxConcurrentRequests());
  }

  /** Creates a client; its TLS context was built with the configuration. */
  public static QrsClient create(QrsConfig config) {
    return new QrsClient(Objects.requireNonNull(config, "config == null"));
  }

  /** The configuration this client was created with. */
  public QrsConfig config() {
    return config;
  }

  /**
   * Sends {@code GET path?query}; retried on 500, 502, 503, 504, network failures and timeouts.
   *
   * @param path the path below the base URI, such as {@code /qrs/task/full}, its segments already
   *     encoded (see {@link #segment})
   * @param query parameters, percent-encoded here as UTF-8; {@code xrfkey} is added
   */
  public CompletableFuture<QrsResponse> get(String path, Map<String, String> query) {
    return send("GET", path, query, null, 1);
  }

  /**
   * Sends {@code POST path?query} with an optional JSON body; retried only where QRS cannot have
   * acted (see {@link QrsRetry}).
   */
  public CompletableFuture<QrsResponse> post(
      String path, Map<String, String> query, @Nullable String json) {
    return send("POST", path, query, json, 1);
  }

  /**
   * Starts the tasks named {@code name} in one call, {@code POST
   * /qrs/task/start/synchronous?name=...}, without a lookup first; QRS answers 201 with the
   * execution session, or 404 when no task has that name.
   */
  public CompletableFuture<QrsResponse> startByName(String name) {
    Objects.requireNonNull(name, "name == null");
    return post("/qrs/task/start/synchronous", Map.of("name", name), null);
  }

  /**
   * Checks that QRS accepts this client, with {@code GET /qrs/about}. Completes with nothing when
   * QRS answered 2xx, else with the failure classified as for a start: {@link
   * FailureKind#AUTHORISATION} names the credential at fault, {@link FailureKind#CONFIGURATION} a
   * certificate that does not check out, {@link FailureKind#NETWORK} or {@link FailureKind#TIMEOUT}
   * a QRS that cannot be reached now. Never completes exceptionally.
   */
  public CompletableFuture<Optional<TaskStartResult.Failed>> checkAccess() {
    return get("/qrs/about", Map.of())
        .thenApply(
            response ->
                response.ok()
                    ? Optional.<TaskStartResult.Failed>empty()
                    : Optional.of(access(QrsFailures.of(ACCESS, response, config))))
        .exceptionally(failure -> Optional.of(access(accessFailure(unwrap(failure)))));
  }

  /**
   * A call that ended after it was sent is the way QRS refuses a client certificate under TLS 1.3;
   * when the certificate is known not to come from the root CA, that is what happened.
   */
  private TaskStartResult.Failed accessFailure(Throwable failure) {
    TaskStartResult.Failed failed = QrsFailures.of(ACCESS, failure, false);
    if (!config.clientCertificateFromRootCa()
        && failure instanceof QrsTransportException transport
        && transport.maybeSent()) {
      return new TaskStartResult.Failed(
          failed.task(),
          FailureKind.AUTHORISATION,
          failed.message()
              + "; the client certificate is not issued by the root CA (qrs.rootCa), so QRS"
              + " refuses it",
          failed.httpStatus());
    }
    return failed;
  }

  // QrsFailures words a call that is not a start as a lookup; this one is a check.
  private static TaskStartResult.Failed access(TaskStartResult.Failed failure) {
    String message = failure.message().replace("Looking up " + ACCESS, "Checking " + ACCESS);
    return new TaskStartResult.Failed(
        failure.task(), failure.kind(), message, failure.httpStatus());
  }

  /** Percent-encodes {@code text} as one path segment or query component, in UTF-8. */
  public static String segment(String text) {
    return UriEncoding.component(text);
  }

  private CompletableFuture<QrsResponse> send(
      String method, String path, Map<String, String> query, @Nullable String json, int attempt) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The QRS client for " + config.baseUri() + " is closed"));
    }
    long started = System.nanoTime();
    CompletableFuture<QrsResponse> answer = new CompletableFuture<>();
    try {
      requests.execute(() -> exchange(method, path, query, json, started, answer));
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("The QRS client for " + config.baseUri() + " is closed"));
    }
    return answer
        .handle(
            (response, failure) ->
                retryIfSafe(method, path, query, json, attempt, response, failure))
        .thenCompose(next -> next);
  }

  /**
   * Sends one request and waits for its answer, on a {@code taskwire-qrs} thread. The blocking
   * {@code send} is on purpose: {@code sendAsync} completes every answer on the JDK's default async
   * pool, which on a machine with fewer than three cores starts a new thread for each one.
   */
  private void exchange(
      String method,
      String path,
      Map<String, String> query,
      @Nullable String json,
      long started,
      CompletableFuture<QrsResponse> answer) {
    HttpResponse<String> response;
    try {
      response =
          http.send(request(method, path, query, json), HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (IOException | RuntimeException e) {
      answer.completeExceptionally(failed(method, path, e, started));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.completeExceptionally(failed(method, path, e, started));
      return;
    }

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    log.debug("{} {} -> {} in {} ms", method, path, response.statusCode(), millis);
    answer.complete(
        new QrsResponse(
            method, response.uri().getRawPath(), response.statusCode(), response.body()));
  }

  private QrsTransportException failed(String method, String path, Exception cause, long started) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    log.debug("{} {} -> no answer in {} ms: {}", method, path, millis, cause.toString());
    return TransportFailures.classify(method, path, cause, config);
  }

  private CompletableFuture<QrsResponse> retryIfSafe(
      String method,
      String path,
      Map<String, String> query,
      @Nullable String json,
      int attempt,
      @Nullable QrsResponse response,
      @Nullable Throwable failure) {
    QrsRetry retry = config.retry();
    if (attempt >= retry.maxAttempts() || closed || !safeToRetry(method, response, failure)) {
      return failure != null
          ? CompletableFuture.failedFuture(unwrap(failure))
          : CompletableFuture.completedFuture(response);
    }
    long delay = retry.backoff(attempt).toMillis();
    log.warn(
        "Retrying {} {} in {} ms, attempt {} of {}: {}",
        method,
        path,
        delay,
        attempt + 1,
        retry.maxAttempts(),
        failure != null ? unwrap(failure).getMessage() : "QRS answered " + response.status());
    // Runs on the JDK's one delay thread: the call only queues a request, and the default pool
    // would start a thread per delayed call on a machine with fewer than three cores.
    return CompletableFuture.supplyAsync(
            () -> send(method, path, query, json, attempt + 1),
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, Runnable::run))
        .thenCompose(next -> next);
  }

  /** The rule {@link QrsRetry} documents. */
  private static boolean safeToRetry(
      String method, @Nullable QrsResponse response, @Nullable Throwable failure) {
    boolean idempotent = method.equals("GET");
    if (failure != null) {
      return unwrap(failure) instanceof QrsTransportException transport
          && (transport.kind() == FailureKind.NETWORK || transport.kind() == FailureKind.TIMEOUT)
          && (idempotent || !transport.maybeSent());
    }
    int status = Objects.requireNonNull(response, "response == null").status();
    return status == 503 || idempotent && (status == 500 || status == 502 || status == 504);
  }

  private HttpRequest request(
      String method, String path, Map<String, String> query, @Nullable String json) {
    String xrfkey = Xrfkey.next();
    Map<String, String> parameters = new LinkedHashMap<>(query);
    parameters.put("xrfkey", xrfkey);
    URI uri = URI.create(config.baseUri() + path + "?" + UriEncoding.query(parameters));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
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

    if (json == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json, UTF_8))
        .build();
  }

  private static ThreadPoolExecutor requestThreads(int count) {
    AtomicInteger next = new AtomicInteger();
    ThreadPoolExecutor threads =
        new ThreadPoolExecutor(
            count,
            count,
            IDLE_THREAD_KEEP_ALIVE.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "taskwire-qrs-" + next.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // An idle client holds no threads.
    threads.allowCoreThreadTimeOut(true);
    return threads;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * Refuses new calls; calls in flight complete. On Java 21 and later the {@link HttpClient} is
   * closed too, which waits for them; on Java 17 it has no close, and its connections and selector
   * thread end once it is no longer referenced.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Requests already queued are still sent; the threads end once the queue is empty.
    requests.shutdown();
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.debug("Closing the HTTP client of {} failed: {}", config.baseUri(), e.toString());
      }
    }
    log.info("QRS client for {} closed", config.baseUri());
  }
}
