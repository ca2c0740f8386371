package dev.taskwire.core;

import java.util.Locale;

/**
 * Why a trigger was rejected before any task was started. Each reason has a stable {@link #code()}
 * shared by logs, metrics and the result topic.
 */
public enum RejectReason {
  /** The payload held nothing but white space (a zero-byte payload is ignored, not rejected). */
  EMPTY,
  /** The payload bytes are not valid UTF-8. */
  NOT_UTF8,
  /** The payload looked like JSON but did not parse. */
  MALFORMED_JSON,
  /** A JSON payload had a field that taskwire does not know. */
  UNKNOWN_FIELD,
  /** A JSON payload named no task, or named tasks in two conflicting ways. */
  MISSING_TASK,
  /** The payload, or an ID inside it, is not a task ID. */
  INVALID_TASK_ID,
  /** The payload is larger than the configured limit. */
  PAYLOAD_TOO_LARGE,
  /**
   * The trigger had no room for the message: its queue was full and the message came with QoS 0,
   * which the broker will not hold back. Messages with QoS 1 or 2 are held back instead.
   */
  OVERLOADED,
  /** A trigger filter rejected the request. */
  FILTER_REJECTED,
  /** A trigger filter threw an exception; the request was rejected to be safe. */
  FILTER_FAILED;

  /** The stable code, such as {@code invalid-task-id}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
