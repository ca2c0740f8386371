package dev.taskwire.core;

import org.jspecify.annotations.Nullable;

/**
 * The result of running a request through a {@link FilterChain}: exactly one of the two fields is
 * set.
 *
 * @param request the request to start, when every filter let it pass
 * @param rejection why it was stopped, otherwise
 */
public record FilterOutcome(@Nullable TaskStartRequest request, @Nullable Rejection rejection) {

  public FilterOutcome {
    if ((request == null) == (rejection == null)) {
      throw new IllegalArgumentException("Exactly one of request and rejection must be set");
    }
  }

  static FilterOutcome passed(TaskStartRequest request) {
    return new FilterOutcome(request, null);
  }

  static FilterOutcome rejected(Rejection rejection) {
    return new FilterOutcome(null, rejection);
  }
}
