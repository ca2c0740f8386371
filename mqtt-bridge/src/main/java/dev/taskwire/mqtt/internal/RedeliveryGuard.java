package dev.taskwire.mqtt.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * amount of work however many messages the window holds. A message is remembered by the SHA-256 of
 * its topic, payload and correlation data, held as four numbers: a few dozen bytes an entry rather
 * than a copy of the topic, since a busy trigger keeps tens of thousands of entries alive for the
 * whole window and the garbage collector copies them while they are young.
 */
final class RedeliveryGuard {

  /** The SHA-256 of a message's topic, payload and correlation data. */
  private record Key(long first, long second, long third, long fourth) {}

  private record Seen(Key key, long at) {}

  private final long windowNanos;
  private final Map<Key, Seen> firstSeen = new HashMap<>();
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
    Key key = key(topic, payload, correlationData);
    long now = System.nanoTime();
    synchronized (this) {
      expire(now);
      Seen first = firstSeen.get(key);
      if (first != null) {
        return Duration.ofNanos(now - first.at()).toMillis();
      }
      Seen seen = new Seen(key, now);
      firstSeen.put(key, seen);
      arrivals.addLast(seen);
      return -1;
    }
  }

  private void expire(long now) {
    while (!arrivals.isEmpty() && now - arrivals.peekFirst().at() >= windowNanos) {
      Seen oldest = arrivals.pollFirst();
      firstSeen.remove(oldest.key(), oldest);
    }
  }

  private static Key key(String topic, ByteBuffer payload, @Nullable ByteBuffer correlation) {
    MessageDigest digest = sha256();
    // The topic's length first, so that no topic and payload run into another pair's.
    byte[] topicBytes = topic.getBytes(UTF_8);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, topicBytes.length));
    digest.update(topicBytes);
    digest.update(payload.duplicate());
    if (correlation != null) {
      digest.update((byte) 0);
      digest.update(correlation.duplicate());
    }
    ByteBuffer hash = ByteBuffer.wrap(digest.digest());
    return new Key(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
