package dev.taskwire.qrs.internal;

import dev.taskwire.core.TaskSelector;

/** Writes QRS filter expressions with values quoted as QRS expects. */
public final class QrsFilter {

  private QrsFilter() {}

  /** A single-quoted string literal, with each quote inside doubled. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** The filter that picks the tasks {@code selector} names; not for selection by ID. */
  public static String of(TaskSelector selector) {
    if (selector instanceof TaskSelector.ByName byName) {
      return "name eq " + literal(byName.name());
    }
    if (selector instanceof TaskSelector.ByTag byTag) {
      return "tags.name eq " + literal(byTag.tag());
    }
    if (selector instanceof TaskSelector.ByCustomProperty property) {
      return "(customProperties.definition.name eq "
          + literal(property.name())
          + ") and (customProperties.value eq "
          + literal(property.value())
          + ")";
    }
    throw new IllegalArgumentException("No lookup is needed for " + selector.describe());
  }
}
