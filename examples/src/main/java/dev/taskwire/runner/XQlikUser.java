package dev.taskwire.runner;

import dev.taskwire.core.TaskwireException;
import java.util.Locale;

/** Reads an {@code X-Qlik-User} value as QRS does: lenient about spaces, case and separators. */
final class XQlikUser {

  private XQlikUser() {}

  /**
   * Returns {@code [directory, userId]} from {@code UserDirectory=INTERNAL; UserId=sa_api}.
   *
   * @throws TaskwireException naming the setting when a part is missing or written with {@code :}
   */
  static String[] parse(String value, String setting) {
    String directory = null;
    String user = null;
    for (String part : value.split(";")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        if (part.contains(":")) {
          throw new TaskwireException(
              "X-Qlik-User '"
                  + value
                  + "' uses ':' where QRS expects '=', as in"
                  + " UserDirectory=INTERNAL; UserId=sa_api ("
                  + setting
                  + ")");
        }
        continue;
      }
      String key = part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      String text = part.substring(equals + 1).trim();
      if (key.equals("userdirectory")) {
        directory = text;
      } else if (key.equals("userid")) {
        user = text;
      }
    }
    if (directory == null || directory.isEmpty() || user == null || user.isEmpty()) {
      throw new TaskwireException(
          "X-Qlik-User '"
              + value
              + "' must name UserDirectory and UserId, as in"
              + " UserDirectory=INTERNAL; UserId=sa_api ("
              + setting
              + ")");
    }
    return new String[] {directory, user};
  }
}
