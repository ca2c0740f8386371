package dev.taskwire.qrs.testkit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** QRS's execution status codes and how QRS writes times. */
public final class Statuses {

  /** Started: {@value}. */
  public static final int STARTED = 2;

  /** Aborted: {@value}. */
  public static final int ABORTED = 6;

  /** Retry: {@value}. */
  public static final int RETRY = 10;

  /** What QRS writes for a time that has not happened, such as the stop of a running execution. */
  public static final String NO_TIME = "1753-01-01T00:00:00.000Z";

  private static final String[] NAMES = {
    "NeverStarted",
    "Triggered",
    "Started",
    "Queued",
    "AbortInitiated",
    "Aborting",
    "Aborted",
    "FinishedSuccess",
    "FinishedFail",
    "Skipped",
    "Retry",
    "Error",
    "Reset",
    "DistributionQueue",
    "DistributionRunning"
  };

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Statuses() {}

  /** Tells whether an execution ends in status {@code code}: 6, 7, 8, 9, 11 and 12. */
  public static boolean isFinal(int code) {
    return code == 6 || code == 7 || code == 8 || code == 9 || code == 11 || code == 12;
  }

  /** QRS's name of status {@code code}, such as {@code FinishedFail} for 8. */
  public static String name(int code) {
    return code >= 0 && code < NAMES.length ? NAMES[code] : "Unknown" + code;
  }

  /** Writes {@code time} as QRS does, or {@link #NO_TIME} for null. */
  public static String format(@Nullable Instant time) {
    return time == null ? NO_TIME : TIME.format(time);
  }
}
