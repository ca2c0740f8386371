package dev.taskwire.qrs.testkit.internal;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Recognises and normalises the GUIDs QRS uses as entity ids. */
public final class Guids {

  /** The id QRS answers when a synchronous start did not start anything. */
  public static final String ZERO = "00000000-0000-0000-0000-000000000000";

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Guids() {}

  /** Tells whether {@code text} is a GUID in the 8-4-4-4-12 form QRS writes. */
  public static boolean isGuid(String text) {
    return GUID.matcher(text).matches();
  }

  /** Returns the lower-case form of a GUID, the form the emulator stores and answers. */
  public static String normalize(String guid) {
    return guid.toLowerCase(Locale.ROOT);
  }

  /** Returns a new random GUID. */
  public static String random() {
    return UUID.randomUUID().toString();
  }

  /** Returns a GUID derived from {@code name}, the same for the same name on every run. */
  public static String fromName(String kind, String name) {
    byte[] bytes =
        (kind + ':' + name.toLowerCase(Locale.ROOT))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(bytes).toString();
  }
}
