package dev.taskwire.qrs.internal;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsResponse;
import dev.taskwire.qrs.QrsTransportException;

/** Turns a QRS answer that is not 2xx, or a missing answer, into a failed result. */
public final class QrsFailures {

  private static final int PREVIEW = 200;

  private QrsFailures() {}

  /** A failed result for {@code task} from a non-2xx answer. */
  public static TaskStartResult.Failed of(String task, QrsResponse response, QrsConfig config) {
    String call = response.method() + " " + response.path();
    String said = response.bodyPreview(PREVIEW);
    String quoted = said.isEmpty() ? "" : ": " + said;
    int status = response.status();
    return switch (status) {
      case 400 ->
          failed(
              task,
              FailureKind.BAD_REQUEST,
              "QRS refused " + call + " as malformed (400)" + quoted,
              status);
      case 401 ->
          failed(
              task,
              FailureKind.AUTHORISATION,
              "QRS did not accept the " + credential(config) + " for " + call + " (401)" + quoted,
              status);
      case 403 ->
          failed(
              task,
              FailureKind.AUTHORISATION,
              "QRS refused "
                  + call
                  + " for user "
                  + config.user()
                  + " (403)"
                  + quoted
                  + (said.contains("XSRF")
                      ? " (the Xrfkey in the query and the header did not match)"
                      : ""),
              status);
      case 302, 303, 307 ->
          failed(
              task,
              FailureKind.AUTHORISATION,
              "QRS redirected "
                  + call
                  + " to a login page ("
                  + status
                  + "): the virtual proxy did not accept the "
                  + credential(config),
              status);
      case 404 ->
          failed(
              task,
              FailureKind.NOT_FOUND,
              "Task "
                  + task
                  + " not found or not visible to "
                  + config.user()
                  + " (404 on "
                  + call
                  + ")"
                  + quoted,
              status);
      default ->
          failed(
              task,
              status >= 500 ? FailureKind.SERVER : FailureKind.BAD_REQUEST,
              "QRS answered " + status + " to " + call + quoted,
              status);
    };
  }

  /**
   * A failed result for {@code task} from a missing answer or another unexpected failure. A start
   * that may have reached QRS is {@link FailureKind#UNCERTAIN}, never retried.
   */
  public static TaskStartResult.Failed of(String task, Throwable failure, boolean startCall) {
    if (failure instanceof QrsTransportException transport) {
      if (startCall && transport.maybeSent() && transport.kind().retryable()) {
        return failed(
            task,
            FailureKind.UNCERTAIN,
            transport.getMessage()
                + "; the task may have started, so it is not tried again (it would start twice)",
            0);
      }
      return failed(task, transport.kind(), transport.getMessage(), 0);
    }
    return failed(task, FailureKind.INTERNAL, "Unexpected failure: " + failure, 0);
  }

  private static String credential(QrsConfig config) {
    QrsAuthentication authentication = config.authentication();
    if (authentication instanceof QrsAuthentication.Header header) {
      return "header " + header.name() + " for user " + header.value();
    }
    if (authentication instanceof QrsAuthentication.Jwt) {
      return "JWT bearer token (qrs.jwt)";
    }
    return "client certificate (qrs.clientCert) or X-Qlik-User " + config.user();
  }

  private static TaskStartResult.Failed failed(
      String task, FailureKind kind, String message, int status) {
    return new TaskStartResult.Failed(task, kind, message, status);
  }
}
