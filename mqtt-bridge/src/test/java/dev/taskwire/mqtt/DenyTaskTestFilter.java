package dev.taskwire.mqtt;

import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;

/** Listed in the test class path's META-INF/services: rejects one fixed task ID. */
public final class DenyTaskTestFilter implements TriggerFilter {

  static final String DENIED = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";

  @Override
  public String name() {
    return "deny-test-task";
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    boolean denied =
        request.selector() instanceof TaskSelector.ById byId
            && byId.ids().stream().anyMatch(id -> id.value().equals(DENIED));
    return denied
        ? FilterDecision.reject("task is on the test deny list")
        : FilterDecision.accept();
  }
}
