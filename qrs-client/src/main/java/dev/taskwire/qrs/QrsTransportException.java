package dev.taskwire.qrs;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TaskwireException;

/**
 * No answer came from QRS. {@link #kind()} is {@link FailureKind#NETWORK} (connection refused,
 * reset, or a TLS handshake cut off), {@link FailureKind#TIMEOUT}, {@link
 * FailureKind#CONFIGURATION} (QRS's certificate does not check out against the root CA or the host
 * name), {@link FailureKind#AUTHORISATION} (QRS refused the client certificate in the handshake) or
 * {@link FailureKind#INTERNAL}. {@link #maybeSent()} tells whether QRS may have received the
 * request, and so may have acted on it.
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

  /** The class of failure, as {@link TaskStartResult.Failed} reports it. */
  public FailureKind kind() {
    return kind;
  }

  /** Whether QRS may have received the request. */
  public boolean maybeSent() {
    return maybeSent;
  }
}
