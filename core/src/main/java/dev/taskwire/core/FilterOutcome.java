package dev.taskwire.core;

import java.util.Objects;

/** The result of running a request through a {@link FilterChain}. */
public sealed interface FilterOutcome {

  /**
   * Every filter let the request pass.
   *
   * @param request the request to start, as the last filter left it
   */
  record Passed(TaskStartRequest request) implements FilterOutcome {
    public Passed {
      Objects.requireNonNull(request, "request == null");
    }
  }

  /**
   * A filter rejected the request, or failed on it.
   *
   * @param rejection the reason code and message
   */
  record Rejected(Rejection rejection) implements FilterOutcome {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection == null");
    }
  }

  /**
   * A filter decided the request needs no start and is no error, such as a duplicate within a
   * debounce window.
   *
   * @param reason why, naming the filter
   */
  record Skipped(String reason) implements FilterOutcome {
    public Skipped {
      Objects.requireNonNull(reason, "reason == null");
    }
  }
}
