package dev.taskwire.core.internal;

/** Text helpers for messages that echo untrusted input. */
public final class Text {

  private Text() {}

  /**
   * Returns {@code text} cut to {@code max} characters, with control characters escaped, so that it
   * can be echoed in a log line or a message without forging lines or flooding them.
   */
  public static String preview(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
    int shown = 0;
    for (int i = 0; i < text.length() && shown < max; i++, shown++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > max) {
      out.append("…(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
