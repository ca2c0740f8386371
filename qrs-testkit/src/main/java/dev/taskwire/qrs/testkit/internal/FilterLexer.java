package dev.taskwire.qrs.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a QRS filter into tokens: parentheses, single-quoted strings ({@code ''} stands for one
 * quote) and words (names, operators, numbers, bare GUIDs, {@code null}, {@code true}).
 */
final class FilterLexer {

  private FilterLexer() {}

  static List<FilterToken> tokens(String filter) {
    List<FilterToken> tokens = new ArrayList<>();
    int i = 0;
    while (i < filter.length()) {
      char c = filter.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        tokens.add(new FilterToken(FilterToken.Kind.OPEN, "(", i++));
      } else if (c == ')') {
        tokens.add(new FilterToken(FilterToken.Kind.CLOSE, ")", i++));
      } else if (c == '\'') {
        i = quoted(filter, i, tokens);
      } else if (isWordChar(c)) {
        int start = i;
        while (i < filter.length() && isWordChar(filter.charAt(i))) {
          i++;
        }
        tokens.add(new FilterToken(FilterToken.Kind.WORD, filter.substring(start, i), start));
      } else {
        throw new FilterException("unexpected character '" + c + "'", i, filter);
      }
    }
    tokens.add(new FilterToken(FilterToken.Kind.END, "", filter.length()));
    return tokens;
  }

  private static int quoted(String filter, int start, List<FilterToken> tokens) {
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (i < filter.length()) {
      char c = filter.charAt(i);
      if (c == '\'') {
        if (i + 1 < filter.length() && filter.charAt(i + 1) == '\'') {
          value.append('\'');
          i += 2;
          continue;
        }
        tokens.add(new FilterToken(FilterToken.Kind.STRING, value.toString(), start));
        return i + 1;
      }
      value.append(c);
      i++;
    }
    throw new FilterException("unterminated string", start, filter);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ':' || c == '+';
  }
}
