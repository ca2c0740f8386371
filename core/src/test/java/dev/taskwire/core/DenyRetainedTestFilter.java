package dev.taskwire.core;

/** Listed in the test class path's META-INF/services to prove discovery. */
public final class DenyRetainedTestFilter implements TriggerFilter {

  @Override
  public String name() {
    return "test-deny-retained";
  }

  @Override
  public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
    return context.retained() ? FilterDecision.reject("retained message") : FilterDecision.accept();
  }
}
