package dev.taskwire.mqtt;

/** Where the trigger's broker connection stands. */
public enum ConnectionState {
  /** Not started yet, or closed. */
  DISCONNECTED,
  /** The first connection attempt is under way. */
  CONNECTING,
  /** Connected and subscribed. */
  CONNECTED,
  /** The connection was lost; reconnect attempts are under way with backoff. */
  RECONNECTING
}
