package dev.taskwire.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void refusesAnUnknownCommandWithUsage() {
    assertThat(run("start")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Unknown command 'start'")
        .contains("Usage:");
  }

  @Test
  void runNeedsAConfigFile() {
    assertThat(run("run")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("run needs --config FILE");
  }

  @Test
  void runNamesAMissingConfigFile() {
    assertThat(run("run", "--config", "no-such.yaml")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no-such.yaml does not exist (--config)");
  }

  @Test
  void refusesAMisspeltOption() {
    assertThat(run("run", "--confg", "x.yaml")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option '--confg'");
  }

  @Test
  void demoStartsEveryTaskAndRejectsTheBadPayload() {
    assertThat(run("demo")).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines().filter(line -> line.startsWith("started ")))
        .hasSize(3)
        .allMatch(line -> line.matches("started +[0-9a-f-]{36} +publish-to-start \\d+\\.\\d ms"));
    assertThat(printed).contains("rejected  invalid-task-id").contains("3 of 3 tasks started");
  }
}
