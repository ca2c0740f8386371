package dev.taskwire.qrs.testkit.internal;

import dev.taskwire.qrs.testkit.EmulatedTask;
import java.util.Map;

/** Routes a {@link QrsCall} to the endpoint that answers it, as QRS lays its paths out. */
public final class QrsRouter {

  private static final Response NOT_FOUND = Response.text(404, "Not found");
  private static final Response METHOD_NOT_ALLOWED = Response.text(405, "Method not allowed");

  private final TaskStarts starts;
  private final TaskLookups lookups;
  private final ExecutionReads executionReads;

  public QrsRouter(
      TaskRegistry tasks, ExecutionEngine executions, boolean refuseStartWhileRunning) {
    this.starts = new TaskStarts(tasks, executions, refuseStartWhileRunning);
    this.lookups = new TaskLookups(tasks, executions);
    this.executionReads = new ExecutionReads(tasks, executions);
  }

  /** Answers {@code call}. */
  public Response route(QrsCall call) {
    if (!call.segment(0).equals("qrs")) {
      return NOT_FOUND;
    }
    return switch (call.segment(1)) {
      case "task" -> task(call);
      case "reloadtask" -> typedTask(call, EmulatedTask.RELOAD);
      case "externalprogramtask" -> typedTask(call, EmulatedTask.EXTERNAL_PROGRAM);
      case "executionsession" -> executionSession(call);
      case "executionresult" -> executionResult(call);
      case "about" -> about(call);
      default -> NOT_FOUND;
    };
  }

  private Response task(QrsCall call) {
    String third = call.segment(2);
    String fourth = call.segment(3);
    int size = call.segments().size();

    if (size == 2 || (size == 3 && (third.equals("full") || third.equals("count")))) {
      return call.is("GET") ? lookups.list(call, null, third) : METHOD_NOT_ALLOWED;
    }
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

    // Anything else is /qrs/task/{id}/...; QRS has no GET /qrs/task/{id}.
    String id = call.segments().get(2);
    boolean startCall =
        fourth.equals("start")
            && (size == 4 || (size == 5 && call.segment(4).equals("synchronous")));
    boolean stopCall = fourth.equals("stop") && size == 4;
    if (!startCall && !stopCall) {
      return NOT_FOUND;
    }
    if (!call.is("POST")) {
      return METHOD_NOT_ALLOWED;
    }
    return startCall ? starts.startById(call, id, size == 5) : starts.stopById(call, id);
  }

  private Response typedTask(QrsCall call, int taskType) {
    int size = call.segments().size();
    if (size > 3) {
      return NOT_FOUND;
    }
    if (!call.is("GET")) {
      return METHOD_NOT_ALLOWED;
    }
    String third = call.segment(2);
    if (size == 2 || third.equals("full") || third.equals("count")) {
      return lookups.list(call, taskType, third);
    }
    return lookups.one(call, taskType, call.segments().get(2));
  }

  private Response executionSession(QrsCall call) {
    if (call.segments().size() != 3) {
      return NOT_FOUND;
    }
    return call.is("GET") ? executionReads.session(call.segments().get(2)) : METHOD_NOT_ALLOWED;
  }

  private Response executionResult(QrsCall call) {
    int size = call.segments().size();
    if (size > 3) {
      return NOT_FOUND;
    }
    if (!call.is("GET")) {
      return METHOD_NOT_ALLOWED;
    }
    String third = call.segment(2);
    if (size == 2 || third.equals("full") || third.equals("count")) {
      return executionReads.results(call, third);
    }
    return executionReads.result(call.segments().get(2));
  }

  private static Response about(QrsCall call) {
    if (call.segments().size() != 2) {
      return NOT_FOUND;
    }
    return call.is("GET")
        ? Response.json(
            200,
            Map.of(
                "buildVersion",
                "taskwire-qrs-emulator",
                "databaseProvider",
                "emulated",
                "nodeType",
                1,
                "sharedPersistence",
                true,
                "requiresBootstrap",
                false,
                "singleNodeOnly",
                false,
                "schemaPath",
                "About"))
        : METHOD_NOT_ALLOWED;
  }
}
