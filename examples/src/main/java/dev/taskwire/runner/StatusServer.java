package dev.taskwire.runner;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.mqtt.MqttTaskTrigger;
import dev.taskwire.mqtt.TriggerHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The runner's optional HTTP endpoint: {@code GET /health} (JSON; 200 when healthy, 503 when not)
 * and {@code GET /metrics} (Prometheus text format). It listens on loopback unless told otherwise.
 */
final class StatusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private StatusServer(HttpServer server) {
    this.server = server;
  }

  static StatusServer start(
      String host, int port, MqttTaskTrigger trigger, PrometheusMeterRegistry registry) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
    } catch (IOException e) {
      throw new TaskwireException(
          "Could not listen on "
              + host
              + ":"
              + port
              + " for health and metrics (http.port): "
              + e.getMessage(),
          e);
    }
    server.createContext("/health", exchange -> health(exchange, trigger.health()));
    server.createContext(
        "/metrics",
        exchange ->
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.start();
    return new StatusServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void health(HttpExchange exchange, TriggerHealth health) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("status", health.healthy() ? "UP" : "DOWN");
    body.put("connection", health.connection().name());
    if (health.qrsReachable() == null) {
      body.putNull("qrsReachable");
    } else {
      body.put("qrsReachable", health.qrsReachable());
    }
    body.put("lastStarted", health.lastStarted() == null ? null : health.lastStarted().toString());
    body.put("lastFailure", health.lastFailure() == null ? null : health.lastFailure().toString());
    body.put("inFlight", health.inFlight());
    body.put("queued", health.queued());
    send(exchange, health.healthy() ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
