package dev.taskwire.core;

import java.util.Objects;

/** What {@link PayloadParser} made of a payload: a request, a rejection, or nothing to do. */
public sealed interface ParseResult {

  /**
   * The payload names tasks to start.
   *
   * @param request the request
   */
  record Parsed(TaskStartRequest request) implements ParseResult {
    public Parsed {
      Objects.requireNonNull(request, "request == null");
    }
  }

  /**
   * The payload is not a valid trigger.
   *
   * @param rejection the reason code and message
   */
  record Rejected(Rejection rejection) implements ParseResult {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection == null");
    }
  }

  /**
   * The payload asks for nothing and is no error: a zero-byte message, which is how a retained
   * message is cleared.
   *
   * @param reason why it was ignored
   */
  record Ignored(String reason) implements ParseResult {
    public Ignored {
      Objects.requireNonNull(reason, "reason == null");
    }
  }
}
