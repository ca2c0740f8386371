package dev.taskwire.qrs.testkit.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A parsed QRS filter, tested against one entity at a time. */
public sealed interface Filter {

  /** The filter of a request without one: every entity matches. */
  Filter ALL = new All();

  /** Tells whether the entity whose property values {@code subject} gives matches. */
  boolean test(Subject subject);

  /**
   * Parses {@code filter} against the properties of one entity type.
   *
   * @param schema the entity's property paths, lower-cased, with their types
   * @throws FilterException with QRS's 400 text if the filter cannot be parsed
   */
  static Filter parse(@Nullable String filter, Map<String, PropertyType> schema) {
    return filter == null || filter.isBlank() ? ALL : new FilterParser(filter, schema).parse();
  }

  /** The property values of one entity. */
  interface Subject {

    /**
     * Returns the values of property {@code path} (lower-case): one for a plain property, one per
     * element for a property inside a collection, none for an empty collection.
     */
    List<@Nullable Object> values(String path);
  }

  /** The type of a filterable property and how its values are held. */
  enum PropertyType {
    /** Text, compared case-insensitively; held as String. */
    STRING,
    /** A GUID; held as a lower-case String. */
    GUID,
    /** A number or enum code; held as Long. */
    NUMBER,
    /** True or false; held as Boolean. */
    BOOLEAN,
    /** A time written as QRS writes times; held as String. */
    DATE
  }

  /** The comparison operators of QRS filters. */
  enum Operator {
    EQ,
    NE,
    GT,
    GE,
    LT,
    LE,
    SW,
    EW,
    SO;

    static @Nullable Operator of(String word) {
      for (Operator operator : values()) {
        if (operator.name().equalsIgnoreCase(word)) {
          return operator;
        }
      }
      return null;
    }
  }

  /** Matches everything. */
  record All() implements Filter {
    @Override
    public boolean test(Subject subject) {
      return true;
    }
  }

  /** Both sides match. */
  record And(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(Subject subject) {
      return left.test(subject) && right.test(subject);
    }
  }

  /** Either side matches. */
  record Or(Filter left, Filter right) implements Filter {
    @Override
    public boolean test(Subject subject) {
      return left.test(subject) || right.test(subject);
    }
  }

  /**
   * {@code <property> <operator> <literal>}; a collection property matches if any element does.
   *
   * @param path the property path, lower-cased
   * @param type the property's type
   * @param operator the operator
   * @param literal the value compared with, converted to the property's type, or null
   */
  record Comparison(String path, PropertyType type, Operator operator, @Nullable Object literal)
      implements Filter {

    @Override
    public boolean test(Subject subject) {
      List<@Nullable Object> values = subject.values(path);
      if (values.isEmpty()) {
        return matches(null);
      }
      for (Object value : values) {
        if (matches(value)) {
          return true;
        }
      }
      return false;
    }

    private boolean matches(@Nullable Object value) {
      if (operator == Operator.EQ) {
        return equal(value);
      }
      if (operator == Operator.NE) {
        return !equal(value);
      }
      if (value == null || literal == null) {
        return false;
      }
      return switch (operator) {
        case SW -> lower(value).startsWith(lower(literal));
        case EW -> lower(value).endsWith(lower(literal));
        case SO -> lower(value).contains(lower(literal));
        case GT -> compare(value) > 0;
        case GE -> compare(value) >= 0;
        case LT -> compare(value) < 0;
        case LE -> compare(value) <= 0;
        default -> throw new IllegalStateException("Operator " + operator + " has no rule");
      };
    }

    private boolean equal(@Nullable Object value) {
      if (value == null || literal == null) {
        return value == literal;
      }
      return compare(value) == 0;
    }

    private int compare(Object value) {
      if (type == PropertyType.NUMBER) {
        return BigDecimal.valueOf((Long) value).compareTo((BigDecimal) literal);
      }
      if (type == PropertyType.BOOLEAN) {
        return value.equals(literal) ? 0 : 1;
      }
      return lower(value).compareTo(lower(java.util.Objects.requireNonNull(literal)));
    }

    private static String lower(Object text) {
      return text.toString().toLowerCase(Locale.ROOT);
    }
  }
}
