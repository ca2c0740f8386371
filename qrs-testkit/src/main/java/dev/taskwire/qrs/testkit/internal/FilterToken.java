package dev.taskwire.qrs.testkit.internal;

/**
 * One token of a QRS filter.
 *
 * @param kind what the token is
 * @param text a word as written, or a quoted string's value with {@code ''} undone
 * @param position where the token starts in the filter
 */
record FilterToken(Kind kind, String text, int position) {

  enum Kind {
    OPEN,
    CLOSE,
    WORD,
    STRING,
    END
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && text.equalsIgnoreCase(word);
  }
}
