package dev.taskwire.mqtt.internal;

import dev.taskwire.core.FilterOutcome;
import dev.taskwire.core.ParseResult;
import dev.taskwire.core.PayloadParser;
import dev.taskwire.core.RejectReason;
import dev.taskwire.core.Rejection;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.internal.Text;
import dev.taskwire.mqtt.RetryPolicy;
import dev.taskwire.mqtt.TaskStartRoute;
import dev.taskwire.mqtt.TriggerMetrics;
import dev.taskwire.mqtt.TriggerOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes each message from parse to final outcome: route, parse, filter, start with bounded
 * concurrency and retries, then hands the outcome to the sink, which reports and acknowledges it.
 */
public final class TriggerPipeline {

  private static final Logger log = LoggerFactory.getLogger(TriggerPipeline.class);

  private final RouteTable routes;
  private final PayloadParser parser;
  private final Consumer<Finished> sink;
  private final RetryPolicy retryPolicy;
  private final ScheduledExecutorService scheduler;
  private final int maxInFlight;
  private final int maxQueued;
  private final RedeliveryGuard redeliveries;
  private final TriggerMetrics metrics;
  private final HealthTracker health;

  private final Queue<StartJob> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean accepting = true;

  /**
   * A final outcome with the message it belongs to.
   *
   * @param outcome the outcome
   * @param message the message, to report to and acknowledge
   */
  public record Finished(TriggerOutcome outcome, IncomingMessage message) {}

  public TriggerPipeline(
      RouteTable routes,
      PayloadParser parser,
      Consumer<Finished> sink,
      RetryPolicy retryPolicy,
      ScheduledExecutorService scheduler,
      int maxInFlight,
      int maxQueued,
      Duration duplicateWindow,
      TriggerMetrics metrics,
      HealthTracker health) {
    this.routes = routes;
    this.parser = parser;
    this.sink = sink;
    this.retryPolicy = retryPolicy;
    this.scheduler = scheduler;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
    this.redeliveries = new RedeliveryGuard(duplicateWindow);
    this.metrics = metrics;
    this.health = health;
  }

  /** Starts or queues the work for one message; never throws, never blocks. */
  public void accept(IncomingMessage message) {
    if (!accepting) {
      // Closing: leave the message unacknowledged so the broker delivers it again.
      log.debug("Not taking a message on {}: the trigger is closing", shownTopic(message.topic()));
      return;
    }
    long startNanos = System.nanoTime();
    TriggerContext context =
        new TriggerContext(
            message.topic(), message.retained(), message.userProperties(), Instant.now());
    try {
      Optional<TaskStartRoute> route = routes.find(message.topic());
      if (route.isEmpty()) {
        // Other subtopics of the root subscription belong to other consumers, and may carry
        // this trigger's own results: not ours to report on.
        log.debug("Ignoring message on {}: not a task-start topic", shownTopic(message.topic()));
        message.acknowledgement().run();
        return;
      }
      metrics.received();

      long ago =
          redeliveries.firstSeenMillisAgo(
              message.topic(), message.payload(), message.correlationData());
      if (ago >= 0) {
        finish(
            message,
            new TriggerOutcome.Ignored(
                context, "Duplicate of a message received " + ago + " ms ago"),
            startNanos);
        return;
      }

      // A zero-byte payload is how a retained message is cleared: never a trigger, even when the
      // task ID comes from the topic.
      ParseResult parsed =
          route.get().idFromTopic() && message.payload().hasRemaining()
              ? idFromTopic(message.topic())
              : parser.parse(message.payload());
      if (parsed instanceof ParseResult.Rejected rejected) {
        finish(message, new TriggerOutcome.Rejected(context, rejected.rejection()), startNanos);
        return;
      }
      if (parsed instanceof ParseResult.Ignored ignored) {
        finish(message, new TriggerOutcome.Ignored(context, ignored.reason()), startNanos);
        return;
      }

      TaskStartRequest request = ((ParseResult.Parsed) parsed).request();
      FilterOutcome filtered = route.get().filters().apply(request, context);
      if (filtered instanceof FilterOutcome.Rejected rejected) {
        finish(message, new TriggerOutcome.Rejected(context, rejected.rejection()), startNanos);
      } else if (filtered instanceof FilterOutcome.Skipped skipped) {
        finish(message, new TriggerOutcome.Ignored(context, skipped.reason()), startNanos);
      } else {
        metrics.accepted();
        TaskStartRequest passed = ((FilterOutcome.Passed) filtered).request();
        enqueue(new StartJob(message, context, route.get(), passed, startNanos));
      }
    } catch (RuntimeException e) {
      // A bug here must cost one message, not the trigger.
      log.error("Trigger failed on a message on {}", shownTopic(message.topic()), e);
      reject(
          message,
          context,
          RejectReason.FILTER_FAILED,
          "Internal error: " + e.getClass().getSimpleName(),
          startNanos);
    }
  }

  /** Stops taking new messages; those already taken go on to their outcome. */
  public void stopAccepting() {
    accepting = false;
  }

  /**
   * Waits until no start is running or queued, or until {@code timeout} has passed.
   *
   * @return whether the pipeline became idle in time
   */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0 || queued.get() > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        try {
          idle.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** How many starts are running now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** How many parsed requests wait for a free start slot. */
  public int queued() {
    return queued.get();
  }

  private void enqueue(StartJob job) {
    if (job.message.qos() == 0 && queued.get() >= maxQueued) {
      reject(
          job.message,
          job.context,
          RejectReason.OVERLOADED,
          "Queue full ("
              + maxQueued
              + " waiting); QoS 0 messages cannot be held back by the broker",
          job.startNanos);
      return;
    }
    queue.add(job);
    queued.incrementAndGet();
    drain();
  }

  private void drain() {
    while (true) {
      int current = inFlight.get();
      if (current >= maxInFlight) {
        return;
      }
      if (!inFlight.compareAndSet(current, current + 1)) {
        continue;
      }
      StartJob next = queue.poll();
      if (next == null) {
        inFlight.decrementAndGet();
        // Another thread may have queued between poll and decrement.
        if (queue.isEmpty()) {
          return;
        }
        continue;
      }
      queued.decrementAndGet();
      attempt(next);
    }
  }

  private void attempt(StartJob job) {
    job.attempts++;
    long callStart = System.nanoTime();
    job.route
        .starter()
        .start(job.request)
        .whenComplete(
            (report, failure) -> {
              recordStartCall(callStart);
              if (failure != null) {
                log.error("Task starter failed instead of reporting a result", failure);
                report = StartJob.failedReport(job.request, failure);
              }
              settle(job, report);
            });
  }

  private void recordStartCall(long callStart) {
    try {
      metrics.startCall(Duration.ofNanos(System.nanoTime() - callStart));
    } catch (RuntimeException e) {
      log.warn("Recording the duration of a start call failed", e);
    }
  }

  private void settle(StartJob job, TaskStartReport report) {
    job.merge(report);
    TaskStartReport combined = job.combined();
    if (!report.anyRetryable()) {
      complete(
          job, new TriggerOutcome.Completed(job.context, combined, job.attempts, job.elapsed()));
      return;
    }
    if (job.attempts >= retryPolicy.maxAttempts()) {
      complete(
          job, new TriggerOutcome.DeadLettered(job.context, combined, job.attempts, job.elapsed()));
      return;
    }

    metrics.retried();
    Duration delay = retryPolicy.delayAfter(job.attempts);
    job.request = job.retryRequest(report);
    try (MDC.MDCCloseable topicField =
            MDC.putCloseable("taskwire.topic", shownTopic(job.context.topic()));
        MDC.MDCCloseable messageField =
            MDC.putCloseable("taskwire.message", job.context.messageId());
        MDC.MDCCloseable tasksField = MDC.putCloseable("taskwire.tasks", tasksField(job.request))) {
      log.warn(
          "Retrying {} in {} ms (attempt {} of {}): {}",
          job.request.selector().describe(),
          delay.toMillis(),
          job.attempts + 1,
          retryPolicy.maxAttempts(),
          StartJob.firstFailure(report));
    }
    scheduler.schedule(() -> attempt(job), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void complete(StartJob job, TriggerOutcome outcome) {
    finish(job.message, outcome, job.startNanos);
    inFlight.decrementAndGet();
    drain();
    if (inFlight.get() == 0 && queued.get() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  private void reject(
      IncomingMessage message,
      TriggerContext context,
      RejectReason reason,
      String text,
      long startNanos) {
    finish(message, new TriggerOutcome.Rejected(context, new Rejection(reason, text)), startNanos);
  }

  private void finish(IncomingMessage message, TriggerOutcome outcome, long startNanos) {
    try {
      health.record(outcome);
      metrics.outcome(outcome, Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (RuntimeException e) {
      log.warn("Recording metrics for a message on {} failed", shownTopic(message.topic()), e);
    }
    try {
      sink.accept(new Finished(outcome, message));
    } catch (RuntimeException e) {
      log.error("Reporting the outcome of a message on {} failed", shownTopic(message.topic()), e);
      message.acknowledgement().run();
    }
  }

  /** The MDC's taskwire.tasks: the IDs joined by commas, or what a lookup looks for. */
  private static String tasksField(TaskStartRequest request) {
    return request.selector() instanceof TaskSelector.ById byId
        ? String.join(",", byId.ids().stream().map(TaskId::value).toList())
        : request.selector().describe();
  }

  private static ParseResult idFromTopic(String topic) {
    String last = topic.substring(topic.lastIndexOf('/') + 1);
    return TaskId.tryParse(last)
        .<ParseResult>map(id -> new ParseResult.Parsed(TaskStartRequest.ofIds(List.of(id))))
        .orElseGet(
            () ->
                new ParseResult.Rejected(
                    new Rejection(
                        RejectReason.INVALID_TASK_ID,
                        "Last topic level '"
                            + Text.preview(last, 80)
                            + "' is not a task ID (expected a GUID)")));
  }

  /** A topic as log lines show it: up to 200 characters, control characters escaped. */
  private static String shownTopic(String topic) {
    return Text.preview(topic, 200);
  }
}
