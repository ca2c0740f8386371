package dev.taskwire.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes load on one task-start topic and times what reaches QRS: sequential latency, and
 * sustained throughput through a bounded window. Every message names a task ID not used in the ten
 * seconds before, so taskwire's duplicate guard, on by default, lets each one through.
 */
final class LoadPhases {

  /** How long a message may take before it counts as lost. */
  static final Duration GIVE_UP_AFTER = Duration.ofSeconds(5);

  private final Mqtt5AsyncClient publisher;
  private final String topic;
  private final List<String> taskIds;
  private final Arrivals arrivals;
  private final ScheduledExecutorService scheduler;
  private int next;

  LoadPhases(
      Mqtt5AsyncClient publisher,
      String topic,
      List<String> taskIds,
      int firstTask,
      Arrivals arrivals,
      ScheduledExecutorService scheduler) {
    this.publisher = publisher;
    this.topic = topic;
    this.taskIds = taskIds;
    this.next = firstTask;
    this.arrivals = arrivals;
    this.scheduler = scheduler;
  }

  /** Where the next phase would start in the task list; hand it to the next system's phases. */
  int nextTask() {
    return next;
  }

  /**
   * Publishes {@code count} messages at QoS 1, each only after the previous one reached QRS, and
   * returns the publish-to-arrival latencies.
   */
  Latency sequential(int count) throws InterruptedException {
    long[] micros = new long[count];
    int arrived = 0;
    for (int i = 0; i < count; i++) {
      String id = nextId();
      Instant sent = Instant.now();
      CompletableFuture<Instant> arrival = arrivals.expect(id, sent);
      publish(id, MqttQos.AT_LEAST_ONCE);
      try {
        Instant at = arrival.get(GIVE_UP_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        micros[arrived++] = Duration.between(sent, at).toNanos() / 1000;
      } catch (TimeoutException | ExecutionException e) {
        arrivals.expireBefore(Instant.now());
      }
    }
    return Latency.of(Arrays.copyOf(micros, arrived), count - arrived);
  }

  /**
   * Publishes at {@code qos} as fast as the broker takes it for {@code length}, with at most {@code
   * window} messages published and not yet arrived (nor given up on), then waits for the rest. The
   * window keeps the broker's queue for the subscriber below Mosquitto's default limit of 1,000
   * queued messages, beyond which it drops them.
   */
  Throughput sustained(MqttQos qos, Duration length, int window, int maxMessages)
      throws InterruptedException {
    Semaphore credits = new Semaphore(window);
    LongAdder arrived = new LongAdder();
    LongAdder givenUp = new LongAdder();
    LongAdder publishFailures = new LongAdder();
    AtomicReference<Instant> lastArrival = new AtomicReference<>(Instant.MIN);
    ScheduledFuture<?> sweeper =
        scheduler.scheduleAtFixedRate(
            () -> arrivals.expireBefore(Instant.now().minus(GIVE_UP_AFTER)),
            100,
            100,
            TimeUnit.MILLISECONDS);

    Instant first = Instant.now();
    long deadline = System.nanoTime() + length.toNanos();
    int published = 0;
    while (published < maxMessages) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !credits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        break;
      }
      String id = nextId();
      arrivals
          .expect(id, Instant.now())
          .whenComplete(
              (at, failure) -> {
                if (failure == null) {
                  arrived.increment();
                  lastArrival.accumulateAndGet(at, (a, b) -> a.isAfter(b) ? a : b);
                } else {
                  givenUp.increment();
                }
                credits.release();
              });
      publish(id, qos)
          .whenComplete(
              (result, failure) -> {
                if (failure != null) {
                  publishFailures.increment();
                }
              });
      published++;
    }

    // Every message arrives or is given up on within GIVE_UP_AFTER, so this wait is bounded.
    boolean drained =
        credits.tryAcquire(window, GIVE_UP_AFTER.toMillis() * 2, TimeUnit.MILLISECONDS);
    sweeper.cancel(false);
    Instant last = lastArrival.get();
    double seconds = last.isAfter(first) ? Duration.between(first, last).toNanos() / 1e9 : 0;
    long count = arrived.sum();
    return new Throughput(
        qos.getCode(),
        published,
        count,
        published - count,
        publishFailures.sum(),
        ProcessMemory.round(seconds),
        seconds == 0 ? 0 : Math.round(count / seconds),
        drained);
  }

  private CompletableFuture<?> publish(String id, MqttQos qos) {
    return publisher.publish(
        Mqtt5Publish.builder().topic(topic).payload(id.getBytes(UTF_8)).qos(qos).build());
  }

  private String nextId() {
    String id = taskIds.get(next);
    next = (next + 1) % taskIds.size();
    return id;
  }

  /**
   * Publish-to-QRS latency of sequential triggers, in milliseconds.
   *
   * @param count messages that arrived
   * @param lost messages that did not arrive within {@link #GIVE_UP_AFTER}
   */
  record Latency(int count, int lost, double p50Ms, double p99Ms, double maxMs) {
    static Latency of(long[] micros, int lost) {
      Arrays.sort(micros);
      if (micros.length == 0) {
        return new Latency(0, lost, 0, 0, 0);
      }
      return new Latency(
          micros.length,
          lost,
          micros[rank(micros.length, 0.50)] / 1000.0,
          micros[rank(micros.length, 0.99)] / 1000.0,
          micros[micros.length - 1] / 1000.0);
    }

    /** The nearest-rank percentile's index. */
    private static int rank(int size, double fraction) {
      return Math.max(0, (int) Math.ceil(fraction * size) - 1);
    }
  }

  /**
   * Sustained throughput from the first publish to the last arrival.
   *
   * @param qos the QoS messages were published with
   * @param published messages published
   * @param arrived messages whose start request reached QRS
   * @param lost messages published that never reached QRS
   * @param publishFailures publishes the client reported as failed
   * @param seconds from the first publish to the last arrival
   * @param msgPerSecond arrivals per second over that time
   * @param drained whether every message arrived or was given up on before the harness moved on
   */
  record Throughput(
      int qos,
      long published,
      long arrived,
      long lost,
      long publishFailures,
      double seconds,
      long msgPerSecond,
      boolean drained) {}
}
