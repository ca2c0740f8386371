package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ConcurrencyTest {

  private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyTest.class);
  private static final String TASK = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String START = "/qrs/task/" + TASK + "/start";

  @TempDir Path dir;
  private QrsEmulator emulator;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(EmulatedTask.reload(TASK, "Reload sales").execution(Duration.ZERO, 7))
            .recordRequests(false)
            .start();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void answers64RequestsInFlightAtOnce() {
    emulator.faults().latency(Duration.ofMillis(1000));
    QrsCaller caller = QrsCaller.direct(emulator);
    HttpClient client = TlsClients.trusted(emulator.certificates());
    long start = System.nanoTime();

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      HttpRequest request = caller.request(START).POST(HttpRequest.BodyPublishers.noBody()).build();
      calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses =
        calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    // One at a time, 64 answers delayed by a second each would take over a minute.
    assertThat(statuses).hasSize(64).containsOnly(204);
    assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void sustainsThousandsOfRequestsPerSecondOnKeptAliveConnections() throws Exception {
    int threads = 16;
    int perThread = 500;
    HttpClient client = TlsClients.trusted(emulator.certificates());
    QrsCaller caller = new QrsCaller(client, emulator.baseUri(), QrsCaller.USER_HEADER);
    caller.post(START);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();

    List<Future<Integer>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                int ok = 0;
                for (int i = 0; i < perThread; i++) {
                  if (caller.post(START).statusCode() == 204) {
                    ok++;
                  }
                }
                return ok;
              }));
    }
    int ok = 0;
    for (Future<Integer> each : done) {
      ok += each.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    double perSecond = threads * perThread / (elapsed.toNanos() / 1e9);
    LOG.info(
        "{} requests in {} ms: {} per second",
        threads * perThread,
        elapsed.toMillis(),
        (long) perSecond);

    assertThat(ok).isEqualTo(threads * perThread);
    assertThat(perSecond).isGreaterThan(1000);
  }
}
