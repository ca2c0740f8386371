package dev.taskwire.mqtt.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Recognises a message seen moments ago: the same topic and the same payload (and correlation data)
 * within the window. The MQTT client does not tell a redelivered message from a new one, so content
 * is all there is to go on; a producer that repeats the same trigger within the window is coalesced
 * too, which is what it would want of a reload.
 */
final class RedeliveryGuard {

  private static final int SWEEP_THRESHOLD = 10_000;

  private final long windowNanos;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  RedeliveryGuard(Duration window) {
    this.windowNanos = window.toNanos();
  }

  /**
   * Records the message and tells how long ago the same one was first seen within the window, or
   * returns -1 when it is new (or the guard is off).
   */
  long firstSeenMillisAgo(String topic, ByteBuffer payload, @Nullable ByteBuffer correlationData) {
    if (windowNanos == 0) {
      return -1;
    }
    long now = System.nanoTime();
    String key = key(topic, payload, correlationData);
    AtomicBoolean fresh = new AtomicBoolean();
    long first =
        seen.compute(
            key,
            (k, previous) -> {
              if (previous == null || now - previous >= windowNanos) {
                fresh.set(true);
                return now;
              }
              return previous;
            });
    if (seen.size() > SWEEP_THRESHOLD) {
      seen.values().removeIf(time -> now - time >= windowNanos);
    }
    return fresh.get() ? -1 : Duration.ofNanos(now - first).toMillis();
  }

  private static String key(String topic, ByteBuffer payload, @Nullable ByteBuffer correlation) {
    MessageDigest digest = sha256();
    digest.update(payload.duplicate());
    if (correlation != null) {
      digest.update((byte) 0);
      digest.update(correlation.duplicate());
    }
    return topic + '\n' + Base64.getEncoder().encodeToString(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
