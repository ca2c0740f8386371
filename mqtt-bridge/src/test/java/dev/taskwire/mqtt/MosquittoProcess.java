package dev.taskwire.mqtt;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of the test's own, on its own loopback port, with persistence, so that a test
 * may stop and restart it. Needs the {@code mosquitto} binary (CI installs it).
 */
final class MosquittoProcess implements AutoCloseable {

  private final Path directory;
  private final Path config;
  private final int port;
  private Process process;

  private MosquittoProcess(Path directory, int port, List<String> options) throws IOException {
    this.directory = directory;
    this.port = port;
    this.config = directory.resolve("mosquitto.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "listener " + port + " 127.0.0.1",
            String.join("\n", options),
            options.stream().anyMatch(o -> o.startsWith("allow_anonymous"))
                ? ""
                : "allow_anonymous true",
            "persistence true",
            "persistence_location " + directory + "/",
            "max_queued_messages 100000",
            "log_dest file " + directory.resolve("mosquitto.log"),
            // Running as root, Mosquitto would switch to its own user and could not write here.
            "user root",
            ""));
  }

  /** Starts a broker with its files in {@code directory}. */
  static MosquittoProcess start(Path directory) throws IOException {
    return start(directory, List.of());
  }

  /** Starts a broker with extra configuration lines, such as a TLS listener's files. */
  static MosquittoProcess start(Path directory, List<String> options) throws IOException {
    MosquittoProcess broker = new MosquittoProcess(directory, freePort(), options);
    broker.startProcess();
    return broker;
  }

  int port() {
    return port;
  }

  /** Stops the broker as a service manager would (SIGTERM), which saves its state to disk. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Starts the broker again on the same port with the state it saved. */
  void restart() throws IOException {
    startProcess();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  private void startProcess() throws IOException {
    process =
        new ProcessBuilder("mosquitto", "-c", config.toString())
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("stdout.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(this::listening);
  }

  private boolean listening() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "mosquitto exited with " + process.exitValue() + "; see " + directory);
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
