package dev.taskwire.qrs.testkit.internal;

/** Routes a {@link QrsCall} to the endpoint that answers it, as QRS lays its paths out. */
public final class QrsRouter {

  private static final Response NOT_FOUND = Response.text(404, "Not found");
  private static final Response METHOD_NOT_ALLOWED = Response.text(405, "Method not allowed");

  private final TaskStarts starts;

  public QrsRouter(TaskRegistry tasks, ExecutionEngine executions) {
    this.starts = new TaskStarts(tasks, executions);
  }

  /** Answers {@code call}. */
  public Response route(QrsCall call) {
    if (!call.segment(0).equals("qrs")) {
      return NOT_FOUND;
    }
    return switch (call.segment(1)) {
      case "task" -> task(call);
      default -> NOT_FOUND;
    };
  }

  private Response task(QrsCall call) {
    String third = call.segment(2);
    String fourth = call.segment(3);
    String fifth = call.segment(4);
    int size = call.segments().size();

    if (third.equals("start") || third.equals("stop")) {
      if (!call.is("POST")) {
        return METHOD_NOT_ALLOWED;
      }
      if (third.equals("start") && size == 3) {
        return starts.startByName(call, false);
      }
      if (third.equals("start") && size == 4 && fourth.equals("synchronous")) {
        return starts.startByName(call, true);
      }
      if (size == 4 && fourth.equals("many")) {
        return third.equals("start") ? starts.startMany(call) : starts.stopMany(call);
      }
      return NOT_FOUND;
    }

    // Anything else is /qrs/task/{id}/...; there is no GET /qrs/task/{id} in QRS.
    String id = size > 2 ? call.segments().get(2) : "";
    boolean startCall =
        fourth.equals("start") && (size == 4 || (size == 5 && fifth.equals("synchronous")));
    boolean stopCall = fourth.equals("stop") && size == 4;
    if (!startCall && !stopCall) {
      return NOT_FOUND;
    }
    if (!call.is("POST")) {
      return METHOD_NOT_ALLOWED;
    }
    return startCall ? starts.startById(call, id, size == 5) : starts.stopById(call, id);
  }
}
