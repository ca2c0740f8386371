package dev.taskwire.core;

/** Why a task could not be started; each kind says whether trying again may help. */
public enum FailureKind {
  /** QRS refused the credentials or the user (401, 403); retrying does not help. */
  AUTHORISATION(false),
  /** The task does not exist or the user may not see it (404), or a lookup found nothing. */
  NOT_FOUND(false),
  /** QRS refused the request as malformed (400 and other 4xx). */
  BAD_REQUEST(false),
  /** QRS answered with a server error (5xx); the start may succeed later. */
  SERVER(true),
  /** The connection failed or was reset; the start may succeed later. */
  NETWORK(true),
  /** No answer in the configured time; the start may succeed later. */
  TIMEOUT(true),
  /** Taskwire's own configuration prevents the call, for example a missing certificate. */
  CONFIGURATION(false),
  /**
   * A start request reached QRS, or may have, and no answer says whether the task started: the
   * request timed out or the connection dropped after it was sent, and QRS could not be asked
   * afterwards either. Not retried, so that a task that did start is not started twice; the outcome
   * says so, for a person or a system to check.
   */
  UNCERTAIN(false),
  /** The starter itself failed unexpectedly (a bug); retrying the same input would fail again. */
  INTERNAL(false);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  /** Tells whether a later attempt at the same start may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** The stable lower-case code used in logs, metrics and result messages. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
