package dev.taskwire.runner;

import dev.taskwire.core.TaskwireException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code run --config FILE}: the bridge against a real broker and a real QRS. */
final class RunCommand {

  private RunCommand() {}

  static int run(List<String> options, PrintStream out) {
    Main.requireKnown(options, List.of("--config"));
    String file = Main.option(options, "--config");
    if (file == null) {
      throw new Main.UsageException("run needs --config FILE, a taskwire or Butler YAML file");
    }

    RunnerConfig config =
        RunnerConfig.load(Path.of(file), System::getenv, Main.class.getClassLoader());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  config.close();
                  stopped.countDown();
                },
                "taskwire-shutdown"));
    try {
      QrsPreflight.check(config.starter.client());
    } catch (RuntimeException e) {
      config.close();
      throw e;
    }
    try {
      config.trigger.startAndWait(Duration.ofSeconds(30));
    } catch (TaskwireException e) {
      config.close();
      String settings =
          config.format.equals("Butler")
              ? "Butler.mqttConfig.brokerHost, .brokerPort and .subscriptionRootTopic"
              : "mqtt.host, mqtt.port, mqtt.tls and mqtt.rootTopic";
      throw new TaskwireException(e.getMessage() + " (check " + settings + ")", e);
    } catch (RuntimeException e) {
      config.close();
      throw e;
    }
    StatusServer server = config.startStatusServer();
    if (server != null) {
      out.printf(
          "Health on http://%s:%d/health, metrics on /metrics%n",
          config.endpoint.host(), server.port());
    }
    out.printf(
        "taskwire is running with %s configuration %s; Ctrl-C stops it%n", config.format, file);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
