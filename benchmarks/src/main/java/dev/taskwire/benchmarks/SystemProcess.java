package dev.taskwire.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on a {@link SystemUnderTest} process: starts it with the same Java and class
 * path as this one, sends it commands, and reads its answers, each within a time limit.
 */
final class SystemProcess implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String END = "\u0000end";

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private SystemProcess(Process process) {
    this.process = process;
    this.commands = process.outputWriter(UTF_8);
    Thread reader = new Thread(this::readLines, "system-under-test-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@link SystemUnderTest} with {@code arguments}; its standard error goes to {@code log}.
   *
   * @param jvmOptions options for the new JVM, none for the JVM's defaults
   */
  static SystemProcess start(List<String> jvmOptions, List<String> arguments, Path log) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SystemUnderTest.class.getName());
    command.addAll(arguments);
    try {
      return new SystemProcess(new ProcessBuilder(command).redirectError(log.toFile()).start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  /** Waits for the {@code ready} line and returns its figures. */
  JsonNode awaitReady(Duration timeout) {
    return awaitLine("ready", timeout);
  }

  /** Asks for heap and RSS figures and returns them. */
  JsonNode measure() {
    send("measure");
    return awaitLine("figures", Duration.ofSeconds(30));
  }

  /** Stops the system, returns its {@code stopped} figures, and waits for the process to end. */
  JsonNode stop() {
    send("stop");
    JsonNode stopped = awaitLine("stopped", Duration.ofSeconds(30));
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return stopped;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void send(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("The system under test stopped taking commands", e);
    }
  }

  private JsonNode awaitLine(String tag, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(END)) {
          throw new IllegalStateException(
              "The system under test sent no '"
                  + tag
                  + "' line within "
                  + timeout
                  + (line == null ? "" : "; it ended")
                  + " (see its log)");
        }
        if (line.startsWith(tag + " ")) {
          return JSON.readTree(line.substring(tag.length() + 1));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for '" + tag + "'", e);
    } catch (IOException e) {
      throw new UncheckedIOException("The '" + tag + "' line is not JSON", e);
    }
  }

  private void readLines() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The process ended; the waiting side sees the end marker.
    }
    lines.add(END);
  }
}
