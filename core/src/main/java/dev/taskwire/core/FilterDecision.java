package dev.taskwire.core;

import java.util.Objects;

/** What a {@link TriggerFilter} decided: go on unchanged, go on with a new request, or reject. */
public sealed interface FilterDecision {

  /** Lets the request go on unchanged. */
  static FilterDecision accept() {
    return Accept.INSTANCE;
  }

  /** Lets the request go on, replaced by {@code request}. */
  static FilterDecision rewrite(TaskStartRequest request) {
    return new Rewrite(request);
  }

  /** Stops the request; {@code reason} is reported to the publisher and logged. */
  static FilterDecision reject(String reason) {
    return new Reject(reason);
  }

  /**
   * Stops the request without calling it an error: nothing is started and the outcome is {@code
   * ignored}, for example for a duplicate trigger that an earlier one already covers.
   */
  static FilterDecision skip(String reason) {
    return new Skip(reason);
  }

  /** Go on unchanged. */
  enum Accept implements FilterDecision {
    INSTANCE
  }

  /**
   * Go on with {@code request} instead.
   *
   * @param request the replacement
   */
  record Rewrite(TaskStartRequest request) implements FilterDecision {
    public Rewrite {
      Objects.requireNonNull(request, "request == null");
    }
  }

  /**
   * Stop without error.
   *
   * @param reason why, for people
   */
  record Skip(String reason) implements FilterDecision {
    public Skip {
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * Stop.
   *
   * @param reason why, for people; no secrets
   */
  record Reject(String reason) implements FilterDecision {
    public Reject {
      Objects.requireNonNull(reason, "reason == null");
    }
  }
}
