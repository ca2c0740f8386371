package dev.taskwire.qrs.internal;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsResponse;
import dev.taskwire.qrs.QrsTransportException;

/**
 * Turns a QRS answer that is not 2xx, or a missing answer, into a failed result whose message names
 * the task, the method and path (never the query, which holds the Xrfkey), the status and QRS's own
 * message, cut to {@value #PREVIEW} characters.
 */
public final class QrsFailures {

  /** How much of QRS's answer a message quotes: {@value}. */
  public static final int PREVIEW = 200;

  private static final String XSRF = "XSRF";

  private QrsFailures() {}

  /**
   * A failed result from a non-2xx answer.
   *
   * @param task the task ID, or the description of the selector being looked up
   */
  public static TaskStartResult.Failed of(String task, QrsResponse response, QrsConfig config) {
    String label = label(task);
    String call = response.method() + " " + response.path();
    String said = response.bodyPreview(PREVIEW);
    String quoted = said.isEmpty() ? "" : ": " + said;
    int status = response.status();
    return switch (status) {
      case 400 ->
          failed(
              task,
              FailureKind.BAD_REQUEST,
              label + ": QRS refused " + call + " as malformed (400)" + quoted,
              status);
      case 401 ->
          failed(
              task,
              FailureKind.AUTHORISATION,
              label
                  + ": QRS did not accept the "
                  + credential(config)
                  + " for "
                  + call
                  + " (401)"
                  + quoted,
              status);
      case 403 ->
          failed(
              task,
              FailureKind.AUTHORISATION,
              label
                  + ": QRS refused "
                  + call
                  + " for user "
                  + config.user()
                  + " (403)"
                  + quoted
                  + (said.contains(XSRF)
                      ? " (the Xrfkey in the query and the header did not match)"
                      : " (the user may not do this, or the "
                          + credential(config)
                          + " is refused)"),
              status);
      case 301, 302, 303, 307, 308 ->
          failed(
              task,
              FailureKind.AUTHORISATION,
              label
                  + ": QRS redirected "
                  + call
                  + " ("
                  + status
                  + "), as the proxy does to a login page: it did not accept the "
                  + credential(config),
              status);
      case 404 -> notFound(task, label, call, quoted, response, config);
      default ->
          failed(
              task,
              status >= 500 ? FailureKind.SERVER : FailureKind.BAD_REQUEST,
              label + ": QRS answered " + status + " to " + call + quoted,
              status);
    };
  }

  /**
   * A failed result from a missing answer or another failure of the call itself. A start that may
   * have reached QRS (cut off or timed out after it was sent) is {@link FailureKind#UNCERTAIN}: it
   * may have started the task, so it is never retried.
   *
   * @param startCall whether the failed call was a start, rather than a lookup
   */
  public static TaskStartResult.Failed of(String task, Throwable failure, boolean startCall) {
    String label = label(task);
    if (failure instanceof QrsTransportException transport) {
      if (startCall && transport.maybeSent() && transport.kind().retryable()) {
        return failed(
            task,
            FailureKind.UNCERTAIN,
            label
                + ": "
                + transport.getMessage()
                + "; the task may have started, so it is not tried again (it would start twice)",
            0);
      }
      return failed(task, transport.kind(), label + ": " + transport.getMessage(), 0);
    }
    if (failure instanceof IllegalStateException) {
      return failed(task, FailureKind.INTERNAL, label + ": " + failure.getMessage(), 0);
    }
    return failed(task, FailureKind.INTERNAL, label + ": unexpected failure: " + failure, 0);
  }

  private static TaskStartResult.Failed notFound(
      String task, String label, String call, String quoted, QrsResponse response, QrsConfig c) {
    if (response.path().contains("/qrs/task/" + task + "/")) {
      return failed(
          task,
          FailureKind.NOT_FOUND,
          "Task "
              + task
              + " not found or not visible to "
              + c.user()
              + " (404 on "
              + call
              + ")"
              + quoted,
          404);
    }
    return failed(
        task,
        FailureKind.NOT_FOUND,
        label
            + ": QRS answered 404 to "
            + call
            + quoted
            + " (check the base URI "
            + c.baseUri()
            + " and qrs.virtualProxy)",
        404);
  }

  /** Names the credential QRS judged: the one a 401 or 403 is about. */
  static String credential(QrsConfig config) {
    QrsAuthentication authentication = config.authentication();
    if (authentication instanceof QrsAuthentication.Header header) {
      return "header " + header.name() + " for user " + header.value() + " (qrs.headerAuth)";
    }
    if (authentication instanceof QrsAuthentication.Jwt) {
      return "JWT bearer token (qrs.jwt)";
    }
    String file =
        authentication instanceof QrsAuthentication.Pkcs12Certificate
            ? "qrs.pfx"
            : "qrs.clientCert";
    return "client certificate ("
        + file
        + ") or X-Qlik-User "
        + config.user()
        + " (qrs.userDirectory, qrs.userId)";
  }

  private static String label(String task) {
    return TaskId.tryParse(task).isPresent() ? "Task " + task : "Looking up " + task;
  }

  private static TaskStartResult.Failed failed(
      String task, FailureKind kind, String message, int status) {
    return new TaskStartResult.Failed(task, kind, message, status);
  }
}
