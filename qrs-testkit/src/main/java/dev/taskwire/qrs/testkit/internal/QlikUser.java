package dev.taskwire.qrs.testkit.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads the {@code X-Qlik-User} header as leniently as QRS does. */
public final class QlikUser {

  /** The header naming the user a direct call runs as. */
  public static final String HEADER = "x-qlik-user";

  private QlikUser() {}

  /**
   * Returns the user named by {@code header} as <code>DIRECTORY&#92;userId</code>, or null if the
   * header is absent or unparsable.
   *
   * <p>Accepted: {@code UserDirectory=INTERNAL; UserId=sa_api}, with or without a space after
   * {@code ;}, keys in any case, spaces around {@code =}, other keys ignored. Refused: a part
   * without {@code =} (the common mistake {@code UserDirectory: INTERNAL}), a missing directory or
   * id, an empty value.
   */
  public static @Nullable String parse(@Nullable String header) {
    if (header == null) {
      return null;
    }
    String directory = null;
    String userId = null;
    for (String part : header.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals < 0) {
        return null;
      }
      String key = part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      String value = part.substring(equals + 1).trim();
      if (key.equals("userdirectory")) {
        directory = value;
      } else if (key.equals("userid")) {
        userId = value;
      }
    }
    if (directory == null || userId == null || directory.isEmpty() || userId.isEmpty()) {
      return null;
    }
    return directory + '\\' + userId;
  }
}
