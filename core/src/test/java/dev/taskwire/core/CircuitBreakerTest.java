package dev.taskwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.filter.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private static final TaskId T = TaskId.parse("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f");

  /** A collaborator that counts calls and answers as QRS would when down, or when up. */
  private static final class Service implements TaskStarter {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean(true);

    @Override
    public CompletableFuture<TaskStartReport> start(TaskStartRequest request) {
      calls.incrementAndGet();
      TaskStartResult result =
          down.get()
              ? new TaskStartResult.Failed(T.value(), FailureKind.NETWORK, "could not connect", 0)
              : new TaskStartResult.Started(T.value(), null);
      return CompletableFuture.completedFuture(new TaskStartReport(request, List.of(result)));
    }
  }

  @Test
  void stopsCallingAfterRepeatedFailuresThenProbesAndCloses() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"), ZoneId.of("UTC"));
    Service service = new Service();
    CircuitBreaker breaker = CircuitBreaker.wrap(service, 3, Duration.ofSeconds(30), clock);
    TaskStartRequest request = TaskStartRequest.ofIds(T);

    for (int i = 0; i < 3; i++) {
      breaker.startAndWait(request);
    }
    TaskStartReport refused = breaker.startAndWait(request);
    int callsWhileOpen = service.calls.get();
    clock.advance(Duration.ofSeconds(31));
    service.down.set(false);
    TaskStartReport probe = breaker.startAndWait(request);

    assertThat(callsWhileOpen).isEqualTo(3);
    TaskStartResult.Failed failed = (TaskStartResult.Failed) refused.results().get(0);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.message()).startsWith("Not tried: the circuit breaker is open");
    assertThat(probe.allStarted()).isTrue();
    assertThat(service.calls.get()).isEqualTo(4);
    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void doesNotOpenOnFailuresThatSayNothingAboutTheService() {
    TaskStarter notFound =
        request ->
            CompletableFuture.completedFuture(
                new TaskStartReport(
                    request,
                    List.of(
                        new TaskStartResult.Failed(T.value(), FailureKind.NOT_FOUND, "404", 404))));
    CircuitBreaker breaker = CircuitBreaker.wrap(notFound, 1, Duration.ofMinutes(1));

    breaker.startAndWait(TaskStartRequest.ofIds(T));

    assertThat(breaker.isOpen()).isFalse();
  }
}
