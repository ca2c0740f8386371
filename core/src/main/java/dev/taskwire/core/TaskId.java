package dev.taskwire.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ID of a Qlik Sense task: a GUID in canonical form, lower case with hyphens.
 *
 * <p>Only canonical IDs ever reach QRS. {@code
 * TaskId.parse("0C7D4F2E-9B1A-4C3D-8E5F-6A7B8C9D0E1F")} gives {@code
 * 0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f}.
 *
 * @param value the canonical form
 */
public record TaskId(String value) {

  private static final Pattern GUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** The ID that QRS returns for an execution that did not start. */
  public static final String ALL_ZERO = "00000000-0000-0000-0000-000000000000";

  /** Checks that {@code value} is already canonical; use {@link #parse} for user input. */
  public TaskId {
    Objects.requireNonNull(value, "value == null");
    if (!GUID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Task ID '" + value + "' is not a canonical GUID (lower-case, with hyphens)");
    }
  }

  /**
   * Reads a task ID written as a GUID with hyphens in either case.
   *
   * @throws IllegalArgumentException if {@code text} is not such a GUID
   */
  public static TaskId parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException("'" + text + "' is not a task ID (expected a GUID)"));
  }

  /** Reads a task ID written as a GUID with hyphens in either case, or returns empty. */
  public static Optional<TaskId> tryParse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return GUID.matcher(lower).matches() ? Optional.of(new TaskId(lower)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
