package dev.taskwire.mqtt;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TaskStarter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A collaborator for trigger tests that need no QRS: records each request and starts every task by
 * ID, after failing the first {@code failures} calls in a retryable way.
 */
final class RecordingStarter implements TaskStarter {

  final List<TaskStartRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft;

  RecordingStarter() {
    this(0);
  }

  RecordingStarter(int failures) {
    this.failuresLeft = new AtomicInteger(failures);
  }

  /** The IDs of every request received, in order. */
  List<String> startedIds() {
    return requests.stream()
        .flatMap(r -> ((TaskSelector.ById) r.selector()).ids().stream())
        .map(Object::toString)
        .toList();
  }

  @Override
  public CompletableFuture<TaskStartReport> start(TaskStartRequest request) {
    requests.add(request);
    boolean fail = failuresLeft.getAndDecrement() > 0;
    List<TaskStartResult> results =
        ((TaskSelector.ById) request.selector())
            .ids().stream()
                .map(
                    id ->
                        fail
                            ? (TaskStartResult)
                                new TaskStartResult.Failed(
                                    id.value(), FailureKind.SERVER, "QRS answered 503", 503)
                            : new TaskStartResult.Started(id.value(), null))
                .toList();
    return CompletableFuture.completedFuture(new TaskStartReport(request, results));
  }
}
