package dev.taskwire.qrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QrsRetryTest {

  @Test
  void doublesTheCeilingUpToTheMaximumWithoutJitter() {
    QrsRetry retry = new QrsRetry(10, Duration.ofMillis(100), Duration.ofMillis(1000), false);

    assertThat(retry.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(retry.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(retry.backoff(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(retry.backoff(5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(retry.backoff(60)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void drawsEachDelayBelowItsCeilingWithFullJitter() {
    QrsRetry retry = new QrsRetry(10, Duration.ofMillis(100), Duration.ofMillis(1000));

    for (int i = 0; i < 1_000; i++) {
      assertThat(retry.backoff(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
      assertThat(retry.backoff(3)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }
    assertThat(retry.jitter()).isTrue();
  }

  @Test
  void refusesPoliciesThatMakeNoSense() {
    assertThatThrownBy(() -> new QrsRetry(0, Duration.ZERO, Duration.ZERO))
        .hasMessage("Attempts 0 is out of range 1 to 100 (qrs.retry.maxAttempts)");
    assertThatThrownBy(() -> new QrsRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageEndingWith("(qrs.retry)");
    assertThatThrownBy(() -> new QrsRetry(3, Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void triesOnceWithNone() {
    assertThat(QrsRetry.NONE.maxAttempts()).isEqualTo(1);
    assertThat(QrsRetry.DEFAULT.maxAttempts()).isEqualTo(3);
  }
}
