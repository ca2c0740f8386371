package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncLimiterTest {

  @Test
  void startsNoMoreThanItsPermitsAndTheNextWhenOneEnds() {
    AsyncLimiter limiter = new AsyncLimiter(3);
    List<CompletableFuture<Integer>> inner = new ArrayList<>();
    List<CompletableFuture<Integer>> outer = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      outer.add(
          limiter.submit(
              () -> {
                CompletableFuture<Integer> call = new CompletableFuture<>();
                inner.add(call);
                return call;
              }));
    }

    assertThat(inner).hasSize(3);
    assertThat(limiter.running()).isEqualTo(3);

    inner.get(0).complete(0);

    assertThat(outer.get(0)).isCompletedWithValue(0);
    assertThat(inner).hasSize(4);
    assertThat(limiter.running()).isEqualTo(3);
  }

  @Test
  void passesFailuresOnAndFreesTheirPermit() {
    AsyncLimiter limiter = new AsyncLimiter(1);
    AtomicInteger started = new AtomicInteger();

    CompletableFuture<Object> thrown =
        limiter.submit(
            () -> {
              throw new IllegalStateException("boom");
            });
    CompletableFuture<Object> failed =
        limiter.submit(() -> CompletableFuture.failedFuture(new IllegalArgumentException("no")));
    CompletableFuture<Integer> next =
        limiter.submit(() -> CompletableFuture.completedFuture(started.incrementAndGet()));

    assertThat(thrown).isCompletedExceptionally();
    assertThat(failed).isCompletedExceptionally();
    assertThat(next).isCompletedWithValue(1);
    assertThat(limiter.running()).isZero();
  }
}
