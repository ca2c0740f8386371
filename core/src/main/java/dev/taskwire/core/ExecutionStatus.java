package dev.taskwire.core;

import java.util.Arrays;

/**
 * The state of a task execution as QRS reports it, with QRS's numeric codes.
 *
 * <p>Only {@link #isFinal() final} states end an execution: an abort in progress, a retry or a
 * distribution in progress is not the end.
 */
public enum ExecutionStatus {
  NEVER_STARTED(0, false),
  TRIGGERED(1, false),
  STARTED(2, false),
  QUEUED(3, false),
  ABORT_INITIATED(4, false),
  ABORTING(5, false),
  ABORTED(6, true),
  FINISHED_SUCCESS(7, true),
  FINISHED_FAIL(8, true),
  SKIPPED(9, true),
  RETRY(10, false),
  ERROR(11, true),
  RESET(12, true),
  DISTRIBUTION_QUEUE(13, false),
  DISTRIBUTION_RUNNING(14, false);

  private static final ExecutionStatus[] BY_CODE = values();

  private final int code;
  private final boolean isFinal;

  ExecutionStatus(int code, boolean isFinal) {
    this.code = code;
    this.isFinal = isFinal;
  }

  /** QRS's numeric code for this status. */
  public int code() {
    return code;
  }

  /** Tells whether the execution has ended in this status. */
  public boolean isFinal() {
    return isFinal;
  }

  /** Tells whether this is the one final status that means success. */
  public boolean succeeded() {
    return this == FINISHED_SUCCESS;
  }

  /**
   * Returns the status with QRS's numeric {@code code}.
   *
   * @throws IllegalArgumentException if QRS defines no such code
   */
  public static ExecutionStatus ofCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException(
          "Unknown execution status code " + code + "; QRS defines 0 to " + (BY_CODE.length - 1));
    }
    return Arrays.stream(BY_CODE).filter(s -> s.code == code).findFirst().orElseThrow();
  }
}
