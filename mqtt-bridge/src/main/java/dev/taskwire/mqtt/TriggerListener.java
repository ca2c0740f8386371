package dev.taskwire.mqtt;

/**
 * Receives the outcome of each trigger message, before the message is acknowledged.
 *
 * <p>Called on the trigger's own threads, possibly several at once; keep it quick and thread-safe.
 * An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface TriggerListener {

  /** Receives one final outcome. */
  void onOutcome(TriggerOutcome outcome);
}
