package dev.taskwire.qrs.testkit.internal;

import dev.taskwire.qrs.testkit.internal.Filter.Operator;
import dev.taskwire.qrs.testkit.internal.Filter.PropertyType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses QRS's filter grammar: {@code <property> <op> <value>} joined by {@code and} and {@code or}
 * ({@code and} binding tighter), with parentheses. Properties are checked against the entity's
 * schema and each value against its property's type, so a bad filter fails even when no entity
 * exists.
 */
final class FilterParser {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final String filter;
  private final Map<String, PropertyType> schema;
  private final List<FilterToken> tokens;
  private int next;

  FilterParser(String filter, Map<String, PropertyType> schema) {
    this.filter = filter;
    this.schema = schema;
    this.tokens = FilterLexer.tokens(filter);
  }

  Filter parse() {
    Filter parsed = or();
    FilterToken end = peek();
    if (end.kind() != FilterToken.Kind.END) {
      throw fail("expected 'and', 'or' or the end, found '" + end.text() + "'", end);
    }
    return parsed;
  }

  private Filter or() {
    Filter left = and();
    while (peek().isWord("or")) {
      next++;
      left = new Filter.Or(left, and());
    }
    return left;
  }

  private Filter and() {
    Filter left = primary();
    while (peek().isWord("and")) {
      next++;
      left = new Filter.And(left, primary());
    }
    return left;
  }

  private Filter primary() {
    FilterToken token = take();
    if (token.kind() == FilterToken.Kind.OPEN) {
      Filter inner = or();
      FilterToken close = take();
      if (close.kind() != FilterToken.Kind.CLOSE) {
        throw fail("expected ')'", close);
      }
      return inner;
    }
    if (token.kind() != FilterToken.Kind.WORD) {
      throw fail("expected a property name", token);
    }
    return comparison(token);
  }

  private Filter comparison(FilterToken property) {
    String path = property.text().toLowerCase(Locale.ROOT);
    PropertyType type = schema.get(path);
    if (type == null) {
      throw fail("unknown property '" + property.text() + "'", property);
    }
    FilterToken operatorToken = take();
    Operator operator =
        operatorToken.kind() == FilterToken.Kind.WORD ? Operator.of(operatorToken.text()) : null;
    if (operator == null) {
      throw fail("expected an operator (eq ne gt ge lt le sw ew so)", operatorToken);
    }
    FilterToken valueToken = take();
    Object literal = literal(valueToken, type, property.text());
    checkOperator(operator, type, literal, operatorToken, property.text());
    return new Filter.Comparison(path, type, operator, literal);
  }

  private @Nullable Object literal(FilterToken token, PropertyType type, String property) {
    if (token.isWord("null")) {
      return null;
    }
    boolean word = token.kind() == FilterToken.Kind.WORD;
    boolean string = token.kind() == FilterToken.Kind.STRING;
    switch (type) {
      case STRING, DATE:
        if (string) {
          return token.text();
        }
        break;
      case GUID:
        if ((word || string) && Guids.isGuid(token.text())) {
          return Guids.normalize(token.text());
        }
        break;
      case NUMBER:
        if (word && NUMBER.matcher(token.text()).matches()) {
          return new BigDecimal(token.text());
        }
        break;
      case BOOLEAN:
        if (token.isWord("true") || token.isWord("false")) {
          return Boolean.valueOf(token.text().toLowerCase(Locale.ROOT));
        }
        break;
    }
    String expected =
        switch (type) {
          case STRING -> "a quoted string";
          case DATE -> "a quoted date";
          case GUID -> "a GUID";
          case NUMBER -> "a number";
          case BOOLEAN -> "true or false";
        };
    String found = token.kind() == FilterToken.Kind.END ? "the end" : "'" + token.text() + "'";
    throw fail("expected " + expected + " or null for '" + property + "', found " + found, token);
  }

  private void checkOperator(
      Operator operator,
      PropertyType type,
      @Nullable Object literal,
      FilterToken at,
      String property) {
    boolean textOnly =
        operator == Operator.SW || operator == Operator.EW || operator == Operator.SO;
    boolean ordering =
        operator == Operator.GT
            || operator == Operator.GE
            || operator == Operator.LT
            || operator == Operator.LE;
    if (textOnly && type != PropertyType.STRING) {
      throw fail("operator '" + at.text() + "' applies to strings, not '" + property + "'", at);
    }
    if (ordering && type != PropertyType.NUMBER && type != PropertyType.DATE) {
      throw fail(
          "operator '" + at.text() + "' applies to numbers and dates, not '" + property + "'", at);
    }
    if ((textOnly || ordering) && literal == null) {
      throw fail("operator '" + at.text() + "' cannot compare with null", at);
    }
  }

  private FilterToken peek() {
    return tokens.get(next);
  }

  private FilterToken take() {
    FilterToken token = tokens.get(next);
    if (token.kind() != FilterToken.Kind.END) {
      next++;
    }
    return token;
  }

  private FilterException fail(String reason, FilterToken at) {
    return new FilterException(reason, at.position(), filter);
  }
}
