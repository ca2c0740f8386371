package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorLifecycleTest {

  private static final String TASK = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String START = "/qrs/task/" + TASK + "/start";

  @TempDir Path dir;

  @Test
  void requiresCertificateDirectory() {
    QrsEmulator.Builder builder = QrsEmulator.builder();

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "No certificate directory set; the emulator writes its certificates there"
                + " (QrsEmulator.Builder.certificateDirectory)");
  }

  @Test
  void refusesTaskAddedTwice() {
    QrsEmulator.Builder builder =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "One"))
            .task(EmulatedTask.reload(TASK.toUpperCase(), "Two"));

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Task id " + TASK + " is added twice (QrsEmulator.Builder.task)");
  }

  @Test
  void refusesBadPortHostnameAndPrefix() {
    assertThatThrownBy(() -> QrsEmulator.builder().certificateDirectory(dir).port(70000).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Port 70000 is not 0 to 65535 (QrsEmulator.Builder.port)");
    assertThatThrownBy(
            () ->
                QrsEmulator.builder()
                    .certificateDirectory(dir)
                    .serverHostname("127.0.0.1:1")
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(QrsEmulator.Builder.serverHostname)");
    assertThatThrownBy(
            () ->
                QrsEmulator.builder()
                    .certificateDirectory(dir)
                    .virtualProxy("qrs", VirtualProxyAuth.header("h"))
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(QrsEmulator.Builder.virtualProxy)");
  }

  @Test
  void namesThePortSettingWhenThePortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> QrsEmulator.builder().certificateDirectory(dir).port(port).start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              "Cannot listen on 127.0.0.1:"
                  + port
                  + " (QrsEmulator.Builder.port); is the port taken?");
    }
  }

  @Test
  void keepsTheCertificatesItFindsInTheFolderWhenAskedAndServesWithThem() throws IOException {
    // Another root CA than this JVM's emulators use, so a new set would differ from it.
    EmulatorCertificates earlier = EmulatorCertificates.generateUntrusted(dir);
    byte[] root = Files.readAllBytes(earlier.rootCa());
    byte[] clientCert = Files.readAllBytes(earlier.clientCert());

    try (QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .reuseCertificates(true)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .start()) {

      assertThat(Files.readAllBytes(emulator.certificates().rootCa())).isEqualTo(root);
      assertThat(Files.readAllBytes(emulator.certificates().clientCert())).isEqualTo(clientCert);
      // A client holding the earlier files is served.
      assertThat(QrsCaller.direct(emulator).post(START).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void writesANewSetOverWhatItFindsByDefault() throws IOException {
    EmulatorCertificates earlier = EmulatorCertificates.generateUntrusted(dir);
    byte[] root = Files.readAllBytes(earlier.rootCa());

    try (QrsEmulator emulator = QrsEmulator.builder().certificateDirectory(dir).start()) {
      assertThat(Files.readAllBytes(emulator.certificates().rootCa())).isNotEqualTo(root);
    }
  }

  @Test
  void leavesTheFilesOfARunningEmulatorAloneWhenItsPortIsTaken() throws IOException {
    try (QrsEmulator running = QrsEmulator.builder().certificateDirectory(dir).start()) {
      byte[] rootBefore = Files.readAllBytes(running.certificates().rootCa());

      assertThatThrownBy(
              // Another host name, so another root CA: overwritten files would differ.
              () ->
                  QrsEmulator.builder()
                      .certificateDirectory(dir)
                      .serverHostname("other.localhost")
                      .port(running.port())
                      .start())
          .isInstanceOf(UncheckedIOException.class);

      assertThat(Files.readAllBytes(running.certificates().rootCa())).isEqualTo(rootBefore);
    }
  }

  @Test
  void listensOnTheGivenPort() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0)) {
      free = probe.getLocalPort();
    }

    try (QrsEmulator emulator =
        QrsEmulator.builder().certificateDirectory(dir).port(free).start()) {

      assertThat(emulator.port()).isEqualTo(free);
      assertThat(emulator.baseUri()).hasToString("https://localhost:" + free);
    }
  }

  @Test
  void stopsPromptlyAndRefusesConnectionsAfterwards() {
    QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .start();
    QrsCaller caller = QrsCaller.direct(emulator);
    caller.post(START);
    long start = System.nanoTime();

    emulator.close();

    // Without stop(0) the JDK's server would wait for exchanges to end; ten seconds is far above
    // a prompt stop and far below a waiting one, even on a loaded machine.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThatThrownBy(() -> QrsCaller.direct(emulator).sendChecked(caller.request(START)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void keepsNoRequestsWhenRecordingIsOffButStillTellsTheListener() {
    List<RecordedRequest> heard = new CopyOnWriteArrayList<>();
    try (QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .recordRequests(false)
            .onRequest(heard::add)
            .start()) {

      HttpResponse<String> response = QrsCaller.direct(emulator).post(START);

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(emulator.requests()).isEmpty();
      org.awaitility.Awaitility.await().until(() -> heard.size() == 1);
    }
  }

  @Test
  void goesOnWhenTheListenerThrows() {
    try (QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .onRequest(
                request -> {
                  throw new IllegalStateException("listener broke");
                })
            .start()) {
      QrsCaller caller = QrsCaller.direct(emulator);

      HttpResponse<String> first = caller.post(START);
      HttpResponse<String> second = caller.post(START);

      assertThat(first.statusCode()).isEqualTo(204);
      assertThat(second.statusCode()).isEqualTo(204);
    }
  }

  @Test
  void replacesAndRemovesTasksWhileRunning() {
    try (QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales"))
            .start()) {
      QrsCaller caller = QrsCaller.direct(emulator);

      emulator.putTask(EmulatedTask.reload(TASK, "Reload sales").enabled(false));
      String disabled = caller.post(START + "/synchronous").body();
      boolean removed = emulator.removeTask(TASK);
      int afterRemoval = caller.post(START).statusCode();

      assertThat(disabled).isEqualTo("{\"value\":\"00000000-0000-0000-0000-000000000000\"}");
      assertThat(removed).isTrue();
      assertThat(afterRemoval).isEqualTo(404);
      assertThat(emulator.tasks()).isEmpty();
    }
  }

  @Test
  void writesItsOwnFilesForEachEmulatorOfTheSameHost() {
    try (QrsEmulator first = QrsEmulator.builder().certificateDirectory(dir.resolve("a")).start();
        QrsEmulator second = QrsEmulator.builder().certificateDirectory(dir.resolve("b")).start()) {

      assertThat(first.certificates().rootCa()).isRegularFile();
      assertThat(second.certificates().rootCa()).isRegularFile();
      assertThat(first.certificates().rootCa())
          .hasSameTextualContentAs(second.certificates().rootCa());
    }
  }
}
