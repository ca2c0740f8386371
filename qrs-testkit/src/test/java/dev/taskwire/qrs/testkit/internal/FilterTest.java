package dev.taskwire.qrs.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.qrs.testkit.internal.Filter.PropertyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {

  private static final Map<String, PropertyType> SCHEMA =
      Map.of(
          "name", PropertyType.STRING,
          "id", PropertyType.GUID,
          "count", PropertyType.NUMBER,
          "enabled", PropertyType.BOOLEAN,
          "tags.name", PropertyType.STRING);

  @Test
  void undoesDoubledQuotesInsideStrings() {
    Filter filter = Filter.parse("name eq 'it''s'", SCHEMA);

    assertThat(filter.test(entity("It's", 0))).isTrue();
    assertThat(filter.test(entity("its", 0))).isFalse();
  }

  @Test
  void bindsAndTighterThanOr() {
    Filter filter = Filter.parse("name eq 'a' or name eq 'b' and count eq 1", SCHEMA);

    assertThat(filter.test(entity("a", 0))).isTrue();
    assertThat(filter.test(entity("b", 0))).isFalse();
    assertThat(filter.test(entity("b", 1))).isTrue();
  }

  @Test
  void letsParenthesesRegroup() {
    Filter filter = Filter.parse("(name eq 'a' or name eq 'b') and count eq 1", SCHEMA);

    assertThat(filter.test(entity("a", 0))).isFalse();
    assertThat(filter.test(entity("a", 1))).isTrue();
  }

  @Test
  void comparesNumbersInOrder() {
    assertThat(Filter.parse("count gt 2", SCHEMA).test(entity("x", 3))).isTrue();
    assertThat(Filter.parse("count ge 3", SCHEMA).test(entity("x", 3))).isTrue();
    assertThat(Filter.parse("count lt 3", SCHEMA).test(entity("x", 3))).isFalse();
    assertThat(Filter.parse("count le 2.5", SCHEMA).test(entity("x", 2))).isTrue();
  }

  @Test
  void matchesCollectionWhenAnyElementMatchesAndEmptyCollectionAsNull() {
    Filter.Subject tagged = path -> path.equals("tags.name") ? list("a", "b") : list("x");
    Filter.Subject untagged = path -> path.equals("tags.name") ? list() : list("x");

    assertThat(Filter.parse("tags.name eq 'B'", SCHEMA).test(tagged)).isTrue();
    assertThat(Filter.parse("tags.name eq null", SCHEMA).test(untagged)).isTrue();
    assertThat(Filter.parse("tags.name ne null", SCHEMA).test(tagged)).isTrue();
  }

  @Test
  void acceptsKeywordsAndOperatorsInAnyCase() {
    Filter filter = Filter.parse("Name SW 'A' AND Enabled Eq TRUE", SCHEMA);

    assertThat(filter.test(entity("abc", 0))).isTrue();
  }

  @Test
  void matchesEverythingWithoutFilter() {
    assertThat(Filter.parse(null, SCHEMA)).isSameAs(Filter.ALL);
    assertThat(Filter.parse("  ", SCHEMA)).isSameAs(Filter.ALL);
  }

  @Test
  void refusesMalformedFilters() {
    assertRefused("name eq 'O'Brien'", "unterminated string at position 16");
    assertRefused("name 'x'", "expected an operator (eq ne gt ge lt le sw ew so) at position 5");
    assertRefused("name eq 'x' count eq 1", "expected 'and', 'or' or the end, found 'count'");
    assertRefused("(name eq 'x'", "expected ')' at position 12");
    assertRefused("name eq x", "expected a quoted string or null for 'name', found 'x'");
    assertRefused("id eq 'abc'", "expected a GUID or null for 'id'");
    assertRefused("count eq 'one'", "expected a number or null for 'count'");
    assertRefused("count sw 1", "operator 'sw' applies to strings, not 'count'");
    assertRefused("name gt 'a'", "operator 'gt' applies to numbers and dates, not 'name'");
    assertRefused("name so null", "operator 'so' cannot compare with null");
    assertRefused("owner eq 'x'", "unknown property 'owner' at position 0");
    assertRefused("name eq 'x' & 1", "unexpected character '&' at position 12");
    assertRefused("name eq", "expected a quoted string or null for 'name', found the end");
  }

  @Test
  void quotesTheWholeFilterInTheMessage() {
    assertThatThrownBy(() -> Filter.parse("name eq", SCHEMA))
        .hasMessageEndingWith(" at position 7 in \"name eq\"");
  }

  private static void assertRefused(String filter, String reason) {
    assertThatThrownBy(() -> Filter.parse(filter, SCHEMA))
        .isInstanceOf(FilterException.class)
        .hasMessageStartingWith("Cannot parse the expression: ")
        .hasMessageContaining(reason);
  }

  private static Filter.Subject entity(String name, long count) {
    return path ->
        switch (path) {
          case "name" -> list(name);
          case "count" -> list(count);
          case "enabled" -> list(true);
          default -> list();
        };
  }

  private static List<Object> list(Object... values) {
    return new ArrayList<>(List.of(values));
  }
}
