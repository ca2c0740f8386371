package dev.taskwire.qrs.testkit.internal;

import dev.taskwire.qrs.testkit.FaultScope;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The faults currently injected into an emulator. Thread-safe. */
public final class FaultState {

  /** The answer that means: close the connection without answering. */
  public static final Response RESET = new Response(-1, null, new byte[0], Map.of());

  private volatile Duration latency = Duration.ZERO;
  private volatile Duration handshakeDelay = Duration.ZERO;
  private final ArrayDeque<Failure> failures = new ArrayDeque<>();
  private int resets;
  private int startResets;
  private int lostAnswers;
  private int lostStartAnswers;
  // Lets the common case, no fault queued, pass without taking the lock.
  private volatile boolean armed;

  public Duration latency() {
    return latency;
  }

  public void latency(Duration added) {
    latency = added;
  }

  public Duration handshakeDelay() {
    return handshakeDelay;
  }

  public void handshakeDelay(Duration delay) {
    handshakeDelay = delay;
  }

  /** Queues a failure answering the next {@code count} requests in {@code scope}. */
  public synchronized void failNext(FaultScope scope, int count, int status, String body) {
    failures.add(new Failure(scope, count, Response.text(status, body)));
    armed = true;
  }

  /** Makes the next {@code count} requests in {@code scope} end without an answer. */
  public synchronized void resetNext(FaultScope scope, int count) {
    if (scope == FaultScope.ALL_REQUESTS) {
      resets += count;
    } else {
      startResets += count;
    }
    armed = true;
  }

  /**
   * Makes the next {@code count} requests in {@code scope} handled, then left without an answer.
   */
  public synchronized void loseAnswerNext(FaultScope scope, int count) {
    if (scope == FaultScope.ALL_REQUESTS) {
      lostAnswers += count;
    } else {
      lostStartAnswers += count;
    }
    armed = true;
  }

  /**
   * Tells whether the answer to a request just handled is to be lost, and if so uses up one lost
   * answer.
   */
  public boolean takeLostAnswer(boolean isStart) {
    if (!armed) {
      return false;
    }
    synchronized (this) {
      boolean lost = false;
      if (isStart && lostStartAnswers > 0) {
        lostStartAnswers--;
        lost = true;
      } else if (lostAnswers > 0) {
        lostAnswers--;
        lost = true;
      }
      rearm();
      return lost;
    }
  }

  /** Removes every fault. */
  public synchronized void clear() {
    failures.clear();
    resets = 0;
    startResets = 0;
    lostAnswers = 0;
    lostStartAnswers = 0;
    armed = false;
    latency = Duration.ZERO;
    handshakeDelay = Duration.ZERO;
  }

  /**
   * Takes the fault for the next request, if any: {@link #RESET}, a failure's answer, or null to
   * answer normally. A reset is taken before a failure.
   */
  public @Nullable Response take(boolean isStart) {
    if (!armed) {
      return null;
    }
    synchronized (this) {
      return takeLocked(isStart);
    }
  }

  private @Nullable Response takeLocked(boolean isStart) {
    if (resets > 0 || (isStart && startResets > 0)) {
      if (resets > 0) {
        resets--;
      } else {
        startResets--;
      }
      rearm();
      return RESET;
    }
    Iterator<Failure> each = failures.iterator();
    while (each.hasNext()) {
      Failure failure = each.next();
      if (failure.scope == FaultScope.ALL_REQUESTS || isStart) {
        failure.remaining--;
        if (failure.remaining <= 0) {
          each.remove();
          rearm();
        }
        return failure.answer;
      }
    }
    return null;
  }

  // Called holding the lock.
  private void rearm() {
    armed =
        resets > 0
            || startResets > 0
            || !failures.isEmpty()
            || lostAnswers > 0
            || lostStartAnswers > 0;
  }

  private static final class Failure {
    private final FaultScope scope;
    private final Response answer;
    private int remaining;

    private Failure(FaultScope scope, int remaining, Response answer) {
      this.scope = scope;
      this.remaining = remaining;
      this.answer = answer;
    }
  }
}
