package dev.taskwire.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a tracked task execution ended, or where it stood when tracking gave up.
 *
 * @param sessionId the execution session ID that QRS returned on start
 * @param status the last status seen; {@link ExecutionStatus#isFinal()} tells whether it ended
 * @param duration how long the execution ran, as QRS reports it
 */
public record TaskExecution(String sessionId, ExecutionStatus status, Duration duration) {

  public TaskExecution {
    Objects.requireNonNull(sessionId, "sessionId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(duration, "duration == null");
  }
}
