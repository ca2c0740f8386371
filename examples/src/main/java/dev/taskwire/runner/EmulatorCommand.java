package dev.taskwire.runner;

import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code emulator --certs DIR [--port P] [--task ID=NAME]...}: the QRS emulator on its own, so that
 * a configuration can be tried before it meets a production server.
 */
final class EmulatorCommand {

  /** The tasks the emulator knows when none are named on the command line. */
  static final List<EmulatedTask> SAMPLE_TASKS =
      List.of(
          EmulatedTask.reload("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f", "Reload sales"),
          EmulatedTask.reload("5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3", "Reload finance"),
          EmulatedTask.reload("9f8e7d6c-5b4a-4321-8fed-cba987654321", "Reload inventory"));

  private EmulatorCommand() {}

  static int run(List<String> options, PrintStream out) {
    Main.requireKnown(options, List.of("--certs", "--port", "--task"));
    String certs = Main.option(options, "--certs");
    if (certs == null) {
      throw new Main.UsageException("emulator needs --certs DIR, the folder for its certificates");
    }
    String port = Main.option(options, "--port");
    List<String> taskOptions = Main.options(options, "--task");

    QrsEmulator.Builder builder =
        QrsEmulator.builder()
            .certificateDirectory(Path.of(certs).toAbsolutePath())
            // A restarted emulator keeps its root CA, so configurations pointed at it go on.
            .reuseCertificates(true)
            .port(port == null ? 4242 : parsePort(port))
            .onRequest(request -> out.println(request.toJson()));
    if (taskOptions.isEmpty()) {
      SAMPLE_TASKS.forEach(builder::task);
    } else {
      taskOptions.forEach(option -> builder.task(parseTask(option)));
    }

    QrsEmulator emulator = builder.start();
    EmulatorCertificates files = emulator.certificates();
    System.err.printf(
        "QRS emulator on %s (client certificate required)%n"
            + "  root CA:     %s (and %s)%n"
            + "  client cert: %s%n"
            + "  client key:  %s (PKCS#1; PKCS#8 in %s)%n"
            + "  encrypted:   %s, passphrase %s%n"
            + "  PKCS#12:     %s, password %s%n"
            + "These files are test material, kept for the next start in this folder (delete it"
            + " for a new root CA); the encrypted key and PKCS#12 file get new passwords at every"
            + " start. Press Ctrl-C to stop.%n",
        emulator.baseUri(),
        files.rootCa(),
        files.rootCaDer().getFileName(),
        files.clientCert(),
        files.clientKey(),
        files.clientKeyPkcs8().getFileName(),
        files.clientKeyEncrypted().getFileName(),
        files.keyPassphrase(),
        files.clientPfx().getFileName(),
        files.pfxPassword());

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                }));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static EmulatedTask parseTask(String option) {
    int equals = option.indexOf('=');
    if (equals < 1) {
      throw new Main.UsageException("--task takes ID=NAME, found '" + option + "'");
    }
    return EmulatedTask.reload(option.substring(0, equals), option.substring(equals + 1));
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new Main.UsageException("--port takes a number, found '" + text + "'");
    }
  }
}
