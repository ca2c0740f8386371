package dev.taskwire.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects trigger outcomes and waits for them. */
final class OutcomeCollector implements TriggerListener {

  private final List<TriggerOutcome> outcomes = new CopyOnWriteArrayList<>();

  @Override
  public void onOutcome(TriggerOutcome outcome) {
    outcomes.add(outcome);
  }

  /** Waits until {@code count} outcomes have arrived, then returns them in arrival order. */
  List<TriggerOutcome> await(int count) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> outcomes.size() >= count);
    return List.copyOf(outcomes);
  }

  List<TriggerOutcome> all() {
    return List.copyOf(outcomes);
  }
}
