package dev.taskwire.qrs.testkit.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of a query string, decoded as UTF-8, with names matched case-insensitively as QRS
 * matches them.
 */
public final class QueryParameters {

  /** What QRS answers when a part of the query string has no {@code =}. */
  public static final String MISSING_VALUE = "Missing parameter value(s)";

  private static final QueryParameters EMPTY = new QueryParameters(List.of());

  private final List<Parameter> parameters;

  private QueryParameters(List<Parameter> parameters) {
    this.parameters = parameters;
  }

  /**
   * Parses {@code rawQuery} as QRS does: every part between {@code &} must hold a {@code =}.
   *
   * @throws IllegalArgumentException with QRS's message if a part has no {@code =} or an escape is
   *     broken
   */
  public static QueryParameters parse(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return EMPTY;
    }
    List<Parameter> parsed = new ArrayList<>();
    for (String part : rawQuery.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(MISSING_VALUE);
      }
      parsed.add(
          new Parameter(decode(part.substring(0, equals)), decode(part.substring(equals + 1))));
    }
    return new QueryParameters(List.copyOf(parsed));
  }

  /** Parses {@code rawQuery}, skipping parts that {@link #parse} would refuse. */
  public static QueryParameters lenient(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return EMPTY;
    }
    List<Parameter> parsed = new ArrayList<>();
    for (String part : rawQuery.split("&", -1)) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        try {
          parsed.add(
              new Parameter(decode(part.substring(0, equals)), decode(part.substring(equals + 1))));
        } catch (IllegalArgumentException e) {
          // A broken escape: the part is skipped, as documented.
        }
      }
    }
    return new QueryParameters(List.copyOf(parsed));
  }

  /** Returns the first value of {@code name}, or null if absent. */
  public @Nullable String first(String name) {
    for (Parameter parameter : parameters) {
      if (parameter.name.equalsIgnoreCase(name)) {
        return parameter.value;
      }
    }
    return null;
  }

  /** Returns every value of {@code name}, in order. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Parameter parameter : parameters) {
      if (parameter.name.equalsIgnoreCase(name)) {
        values.add(parameter.value);
      }
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot decode the query parameter '" + text + "'", e);
    }
  }

  private record Parameter(String name, String value) {}
}
