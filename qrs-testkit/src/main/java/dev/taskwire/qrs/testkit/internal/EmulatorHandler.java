package dev.taskwire.qrs.testkit.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one HTTP exchange: latency, the front door, the query string, the Xrfkey check, injected
 * faults, then QRS's endpoints; records the outcome.
 */
public final class EmulatorHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(EmulatorHandler.class);
  private static final Response XSRF_FAILED = Response.text(403, Xrfkey.FAILURE_MESSAGE);
  private static final Admission UNADMITTED = Admission.refused(Response.empty(500), null);

  private final Gate gate;
  private final QrsRouter router;
  private final FaultState faults;
  private final RequestLog log;

  public EmulatorHandler(Gate gate, QrsRouter router, FaultState faults, RequestLog log) {
    this.gate = gate;
    this.router = router;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Instant receivedAt = Instant.now();
    URI uri = exchange.getRequestURI();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = uri.getPath() == null ? "/" : uri.getPath();
    String rawQuery = uri.getRawQuery();
    Map<String, List<String>> headers = lowerCased(exchange.getRequestHeaders());
    String body;
    try (var in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    delay(faults.latency());
    Admission admission = UNADMITTED;
    Response response;
    try {
      admission = gate.admit(exchange, segments(path), headers);
      response = answer(method, rawQuery, headers, body, admission);
    } catch (RuntimeException e) {
      LOG.warn("Emulator failed on {} {}; answering 500", method, path, e);
      response = Response.text(500, "Emulator failure: " + e);
    }

    // Kept before answering, so that a client holding the answer always finds the request;
    // the listener hears of it after the answer, as documented.
    boolean reset = response == FaultState.RESET;
    RecordedRequest recorded =
        new RecordedRequest(
            method,
            path,
            rawQuery,
            headers,
            body,
            reset ? RecordedRequest.NO_ANSWER : response.status(),
            admission.user(),
            admission.clientCertificateSubject(),
            receivedAt);
    log.keep(recorded);
    try {
      if (reset) {
        // Closing before any response header is sent drops the connection unanswered.
        exchange.close();
      } else {
        send(exchange, response, admission.responseHeaders());
      }
    } finally {
      log.tell(recorded);
    }
  }

  private Response answer(
      String method,
      String rawQuery,
      Map<String, List<String>> headers,
      String body,
      Admission admission) {
    Response refusal = admission.refusal();
    if (refusal != null) {
      return refusal;
    }

    QueryParameters query;
    try {
      query = QueryParameters.parse(rawQuery);
    } catch (IllegalArgumentException e) {
      return Response.text(400, e.getMessage());
    }

    if (!Xrfkey.passes(query.all("xrfkey"), headers.get(Xrfkey.HEADER))) {
      return XSRF_FAILED;
    }

    boolean isStart = TaskStarts.isStart(method, admission.segments());
    Response fault = faults.take(isStart);
    if (fault != null) {
      return fault;
    }
    Response routed =
        router.route(new QrsCall(method, admission.segments(), query, body, admission.user()));
    return faults.takeLostAnswer(isStart) ? FaultState.RESET : routed;
  }

  private static void send(HttpExchange exchange, Response response, Map<String, String> extra)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    if (response.contentType() != null) {
      out.set("Content-Type", response.contentType());
    }
    response.headers().forEach(out::set);
    extra.forEach(out::add);
    byte[] bytes = response.body();
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(bytes);
      }
    }
    exchange.close();
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }

  private static Map<String, List<String>> lowerCased(Headers headers) {
    Map<String, List<String>> copy = new HashMap<>();
    headers.forEach(
        (name, values) ->
            copy.merge(
                name.toLowerCase(Locale.ROOT),
                List.copyOf(values),
                (a, b) -> {
                  List<String> both = new ArrayList<>(a);
                  both.addAll(b);
                  return List.copyOf(both);
                }));
    return copy;
  }

  private static void delay(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      // Holding the worker thread is the point: the answer is late by exactly this much.
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
