package dev.taskwire.core;

import java.util.Objects;

/**
 * A trigger that was turned away, with a reason code and a message for people.
 *
 * @param reason the stable reason
 * @param message what was wrong, naming the value seen (capped) and what was expected
 */
public record Rejection(RejectReason reason, String message) {

  public Rejection {
    Objects.requireNonNull(reason, "reason == null");
    Objects.requireNonNull(message, "message == null");
  }
}
