package dev.taskwire.core;

/** The root of the unchecked exceptions that taskwire throws for a caller to act on. */
public class TaskwireException extends RuntimeException {

  /** Creates an exception with a message that names the value, the expectation and the setting. */
  public TaskwireException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public TaskwireException(String message, Throwable cause) {
    super(message, cause);
  }
}
