package dev.taskwire.mqtt.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Recognises a message seen moments ago: the same topic and the same payload (and correlation data)
 * within the window. The MQTT client does not tell a redelivered message from a new one, so content
 * is all there is to go on; a producer that repeats the same trigger within the window is coalesced
 * too, which is what it would want of a reload.
 *
 * <p>Entries expire oldest first from a queue kept beside the map, so each message costs a constant
 * amount of work however many messages the window holds.
 */
final class RedeliveryGuard {

  private record Seen(String key, long at) {}

  private final long windowNanos;
  private final Map<String, Long> firstSeen = new HashMap<>();
  private final ArrayDeque<Seen> arrivals = new ArrayDeque<>();

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
    String key = key(topic, payload, correlationData);
    long now = System.nanoTime();
    synchronized (this) {
      expire(now);
      Long first = firstSeen.get(key);
      if (first != null) {
        return Duration.ofNanos(now - first).toMillis();
      }
      firstSeen.put(key, now);
      arrivals.addLast(new Seen(key, now));
      return -1;
    }
  }

  private void expire(long now) {
    while (!arrivals.isEmpty() && now - arrivals.peekFirst().at() >= windowNanos) {
      Seen oldest = arrivals.pollFirst();
      firstSeen.remove(oldest.key(), oldest.at());
    }
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
