package dev.taskwire.mqtt.metrics;

import dev.taskwire.core.TaskStartResult;
import dev.taskwire.mqtt.ConnectionState;
import dev.taskwire.mqtt.TriggerMetrics;
import dev.taskwire.mqtt.TriggerOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Records a trigger's metrics to a Micrometer registry, all named {@code taskwire.*} and tagged
 * with the trigger's name:
 *
 * <ul>
 *   <li>{@code taskwire.triggers.received}, {@code .accepted}, {@code .ignored}, {@code .rejected}
 *       (tag {@code reason}), {@code .dead.letter}, {@code .retries}
 *   <li>{@code taskwire.tasks.started}, {@code taskwire.tasks.not.started}, {@code
 *       taskwire.tasks.failed} (tag {@code kind})
 *   <li>{@code taskwire.trigger.latency}: receipt to final outcome, for triggers that started every
 *       task; {@code taskwire.start.call}: one call of the starter (QRS round trips)
 *   <li>gauges {@code taskwire.in.flight}, {@code taskwire.queued}, {@code taskwire.connected} (1
 *       when connected and subscribed)
 * </ul>
 *
 * <pre>{@code
 * MqttTaskTrigger.builder()...metrics(new MicrometerTriggerMetrics(registry, "sales")).build();
 * }</pre>
 */
public final class MicrometerTriggerMetrics implements TriggerMetrics {

  private final MeterRegistry registry;
  private final Tags tags;
  private final Counter received;
  private final Counter accepted;
  private final Counter ignored;
  private final Counter deadLetter;
  private final Counter retries;
  private final Counter started;
  private final Counter notStarted;
  private final Timer latency;
  private final Timer startCall;

  /** Records to {@code registry} with tag {@code trigger=<name>}. */
  public MicrometerTriggerMetrics(MeterRegistry registry, String name) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
    this.tags = Tags.of("trigger", Objects.requireNonNull(name, "name == null"));
    this.received = counter("taskwire.triggers.received", "Messages received on task-start topics");
    this.accepted =
        counter("taskwire.triggers.accepted", "Requests that passed parsing and filters");
    this.ignored = counter("taskwire.triggers.ignored", "Messages ignored: empty or duplicate");
    this.deadLetter = counter("taskwire.triggers.dead.letter", "Triggers given up after retries");
    this.retries = counter("taskwire.triggers.retries", "Start attempts after a retryable failure");
    this.started = counter("taskwire.tasks.started", "Tasks QRS started");
    this.notStarted = counter("taskwire.tasks.not.started", "Tasks QRS answered but did not start");
    this.latency =
        Timer.builder("taskwire.trigger.latency")
            .description("From receipt of a message to all its tasks started")
            .tags(tags)
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.startCall =
        Timer.builder("taskwire.start.call")
            .description("One call of the task starter")
            .tags(tags)
            .register(registry);
  }

  @Override
  public void received() {
    received.increment();
  }

  @Override
  public void accepted() {
    accepted.increment();
  }

  @Override
  public void retried() {
    retries.increment();
  }

  @Override
  public void startCall(Duration elapsed) {
    startCall.record(elapsed);
  }

  @Override
  public void outcome(TriggerOutcome outcome, Duration elapsed) {
    if (outcome instanceof TriggerOutcome.Rejected rejected) {
      registry
          .counter(
              "taskwire.triggers.rejected",
              tags.and("reason", rejected.rejection().reason().code()))
          .increment();
      return;
    }
    if (outcome instanceof TriggerOutcome.Ignored) {
      ignored.increment();
      return;
    }
    var report =
        outcome instanceof TriggerOutcome.Completed completed
            ? completed.report()
            : ((TriggerOutcome.DeadLettered) outcome).report();
    if (outcome instanceof TriggerOutcome.DeadLettered) {
      deadLetter.increment();
    }
    for (TaskStartResult result : report.results()) {
      if (result instanceof TaskStartResult.Started) {
        started.increment();
      } else if (result instanceof TaskStartResult.NotStarted) {
        notStarted.increment();
      } else if (result instanceof TaskStartResult.Failed failed) {
        registry
            .counter("taskwire.tasks.failed", tags.and("kind", failed.kind().code()))
            .increment();
      }
    }
    if (report.allStarted()) {
      latency.record(elapsed);
    }
  }

  @Override
  public void bind(
      Supplier<Integer> inFlight, Supplier<Integer> queued, Supplier<ConnectionState> state) {
    // Micrometer holds a gauge's object weakly; these suppliers have no other holder, so without
    // strong references they would be collected and the gauges would read NaN.
    Gauge.builder("taskwire.in.flight", inFlight, Supplier::get)
        .tags(tags)
        .strongReference(true)
        .register(registry);
    Gauge.builder("taskwire.queued", queued, Supplier::get)
        .tags(tags)
        .strongReference(true)
        .register(registry);
    Gauge.builder("taskwire.connected", state, s -> s.get() == ConnectionState.CONNECTED ? 1 : 0)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }
}
