package dev.taskwire.qrs.testkit.internal;

/** A filter QRS would refuse; the message is QRS's 400 text. */
public final class FilterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What QRS's message starts with. */
  public static final String PREFIX = "Cannot parse the expression: ";

  FilterException(String reason, int position, String filter) {
    super(PREFIX + reason + " at position " + position + " in \"" + filter + "\"");
  }
}
