package dev.taskwire.qrs.testkit;

import dev.taskwire.qrs.testkit.internal.FaultState;
import java.time.Duration;
import java.util.Objects;

/**
 * Injects faults into a running emulator: failed answers, dropped connections, latency and slow TLS
 * handshakes. Thread-safe; changes apply to requests that arrive afterwards.
 *
 * <p>Failures and resets apply after the virtual proxy and the Xrfkey check, so a request without a
 * valid key still gets its 403 and does not use one up. Latency applies to every answer.
 *
 * <pre>{@code
 * emulator.faults().failNext(2, 503, "Service Unavailable");
 * emulator.faults().latency(Duration.ofMillis(200));
 * emulator.faults().clear();
 * }</pre>
 */
public final class Faults {

  private final FaultState state;

  Faults(FaultState state) {
    this.state = state;
  }

  /**
   * Answers the next {@code count} requests with {@code status} and the plain-text {@code body}
   * instead of handling them.
   *
   * @throws IllegalArgumentException if {@code count} is not positive or {@code status} is not an
   *     HTTP status from 100 to 599
   */
  public Faults failNext(int count, int status, String body) {
    return failNext(FaultScope.ALL_REQUESTS, count, status, body);
  }

  /**
   * Answers the next {@code count} requests in {@code scope} with {@code status} and the plain-text
   * {@code body}; requests outside the scope are handled normally and do not count.
   *
   * @throws IllegalArgumentException if {@code count} is not positive or {@code status} is not an
   *     HTTP status from 100 to 599
   */
  public Faults failNext(FaultScope scope, int count, int status, String body) {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(body, "body == null");
    requirePositive(count, "failNext");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException(
          "Status " + status + " given to failNext is not an HTTP status (100 to 599)");
    }
    state.failNext(scope, count, status, body);
    return this;
  }

  /**
   * Closes the connection of the next {@code count} requests without answering, so that the client
   * sees the connection end. Their {@link RecordedRequest#status()} is {@link
   * RecordedRequest#NO_ANSWER}.
   *
   * @throws IllegalArgumentException if {@code count} is not positive
   */
  public Faults resetNext(int count) {
    return resetNext(FaultScope.ALL_REQUESTS, count);
  }

  /**
   * Closes the connection of the next {@code count} requests in {@code scope} without answering,
   * before QRS acts on them; requests outside the scope are handled normally and do not count.
   *
   * @throws IllegalArgumentException if {@code count} is not positive
   */
  public Faults resetNext(FaultScope scope, int count) {
    Objects.requireNonNull(scope, "scope == null");
    requirePositive(count, "resetNext");
    state.resetNext(scope, count);
    return this;
  }

  /**
   * Handles the next {@code count} requests in {@code scope} as usual (a start starts the task),
   * then closes the connection without answering: the answer is lost on the way back, and the
   * client cannot tell whether QRS acted. Their {@link RecordedRequest#status()} is {@link
   * RecordedRequest#NO_ANSWER}.
   *
   * @throws IllegalArgumentException if {@code count} is not positive
   */
  public Faults loseAnswerNext(FaultScope scope, int count) {
    Objects.requireNonNull(scope, "scope == null");
    requirePositive(count, "loseAnswerNext");
    state.loseAnswerNext(scope, count);
    return this;
  }

  /**
   * Delays every answer by {@code added}; {@link Duration#ZERO} ends the delay.
   *
   * @throws IllegalArgumentException if {@code added} is negative
   */
  public Faults latency(Duration added) {
    state.latency(requireNotNegative(added, "latency"));
    return this;
  }

  /**
   * Delays the TLS handshake of every new connection by {@code delay}: the server holds back its
   * answer to the client's hello. Connections already open are not affected; {@link Duration#ZERO}
   * ends the delay.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public Faults slowHandshake(Duration delay) {
    state.handshakeDelay(requireNotNegative(delay, "slowHandshake"));
    return this;
  }

  /** Removes every injected fault, including ones not used up yet. */
  public Faults clear() {
    state.clear();
    return this;
  }

  private static void requirePositive(int count, String setting) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "Count " + count + " given to " + setting + " must be 1 or more");
    }
  }

  private static Duration requireNotNegative(Duration duration, String setting) {
    Objects.requireNonNull(duration, setting + " == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "Duration " + duration + " given to " + setting + " must not be negative");
    }
    return duration;
  }
}
