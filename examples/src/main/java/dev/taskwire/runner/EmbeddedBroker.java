package dev.taskwire.runner;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * An MQTT 3.1.1 broker inside this process (Moquette), on a free loopback port, for the demo.
 *
 * <p>Moquette is a small, embeddable broker from Maven Central that starts in well under a second
 * and needs no files. It is configured here with persistence, websockets and its telemetry off, so
 * that it writes nothing and talks to nothing beyond the loopback port.
 */
final class EmbeddedBroker implements AutoCloseable {

  private final Server server = new Server();
  private final int port;

  private EmbeddedBroker(int port) {
    this.port = port;
  }

  /** Starts a broker on a free port of 127.0.0.1. */
  static EmbeddedBroker start() {
    int port = freePort();
    Properties properties = new Properties();
    properties.setProperty("host", "127.0.0.1");
    properties.setProperty("port", Integer.toString(port));
    properties.setProperty("websocket_port", "disabled");
    properties.setProperty("persistence_enabled", "false");
    properties.setProperty("allow_anonymous", "true");
    properties.setProperty("telemetry_enabled", "false");
    properties.setProperty("netty.mqtt.message_size", Integer.toString(64 * 1024));
    EmbeddedBroker broker = new EmbeddedBroker(port);
    try {
      broker.server.startServer(new MemoryConfig(properties));
    } catch (IOException e) {
      throw new UncheckedIOException("The embedded MQTT broker did not start on port " + port, e);
    }
    return broker;
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    server.stopServer();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port for the embedded MQTT broker", e);
    }
  }
}
