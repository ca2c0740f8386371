package dev.taskwire.mqtt.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedeliveryGuardTest {

  private static final Duration WINDOW = Duration.ofHours(1);

  @Test
  void recognisesTheSameMessageOnTheSameTopic() {
    RedeliveryGuard guard = new RedeliveryGuard(WINDOW);

    long first = guard.firstSeenMillisAgo("sense/start", bytes("task-1"), null);
    long again = guard.firstSeenMillisAgo("sense/start", bytes("task-1"), null);

    assertThat(first).isEqualTo(-1);
    assertThat(again).isGreaterThanOrEqualTo(0);
  }

  @Test
  void tellsMessagesApartByTopicPayloadOrCorrelationData() {
    RedeliveryGuard guard = new RedeliveryGuard(WINDOW);
    guard.firstSeenMillisAgo("sense/start", bytes("task-1"), bytes("request-1"));

    assertThat(guard.firstSeenMillisAgo("sense/start2", bytes("task-1"), bytes("request-1")))
        .isEqualTo(-1);
    assertThat(guard.firstSeenMillisAgo("sense/start", bytes("task-2"), bytes("request-1")))
        .isEqualTo(-1);
    assertThat(guard.firstSeenMillisAgo("sense/start", bytes("task-1"), bytes("request-2")))
        .isEqualTo(-1);
    assertThat(guard.firstSeenMillisAgo("sense/start", bytes("task-1"), null)).isEqualTo(-1);
  }

  @Test
  void doesNotMistakeTheEndOfTheTopicForTheStartOfThePayload() {
    RedeliveryGuard guard = new RedeliveryGuard(WINDOW);
    guard.firstSeenMillisAgo("sense/start", bytes("1"), null);

    long shifted = guard.firstSeenMillisAgo("sense/star", bytes("t1"), null);

    assertThat(shifted).isEqualTo(-1);
  }

  @Test
  void leavesThePayloadForTheParserToRead() {
    RedeliveryGuard guard = new RedeliveryGuard(WINDOW);
    ByteBuffer payload = bytes("task-1");

    guard.firstSeenMillisAgo("sense/start", payload, null);

    assertThat(payload.remaining()).isEqualTo(6);
  }

  @Test
  void remembersNothingWhenTheWindowIsZero() {
    RedeliveryGuard guard = new RedeliveryGuard(Duration.ZERO);
    guard.firstSeenMillisAgo("sense/start", bytes("task-1"), null);

    assertThat(guard.firstSeenMillisAgo("sense/start", bytes("task-1"), null)).isEqualTo(-1);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(UTF_8)).asReadOnlyBuffer();
  }
}
