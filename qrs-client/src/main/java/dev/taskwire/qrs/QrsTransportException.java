package dev.taskwire.qrs;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskwireException;

/**
 * No answer came from QRS: the connection failed, was reset, or timed out, or the TLS handshake
 * failed. {@link #kind()} is {@link FailureKind#NETWORK}, {@link FailureKind#TIMEOUT}, or {@link
 * FailureKind#CONFIGURATION} for a certificate that does not check out; {@link #maybeSent()} tells
 * whether QRS may have received the request (and so may have acted on it).
 */
public final class QrsTransportException extends TaskwireException {

  private final FailureKind kind;
  private final boolean maybeSent;

  public QrsTransportException(
      String message, FailureKind kind, boolean maybeSent, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.maybeSent = maybeSent;
  }

  /** Network or timeout. */
  public FailureKind kind() {
    return kind;
  }

  /** Whether QRS may have received the request. */
  public boolean maybeSent() {
    return maybeSent;
  }
}
