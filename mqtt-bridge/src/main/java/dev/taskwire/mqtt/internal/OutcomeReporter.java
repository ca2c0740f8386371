package dev.taskwire.mqtt.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskwire.core.TaskExecution;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.internal.Text;
import dev.taskwire.mqtt.TriggerListener;
import dev.taskwire.mqtt.TriggerOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reports each final outcome (log line, listeners, result topic, MQTT 5 response topic), then
 * acknowledges the message to the broker.
 */
public final class OutcomeReporter implements Consumer<TriggerPipeline.Finished> {

  private static final Logger log = LoggerFactory.getLogger(OutcomeReporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BrokerConnection connection;
  private final @Nullable String resultTopic;
  private final int resultQos;
  private final List<TriggerListener> listeners;

  public OutcomeReporter(
      BrokerConnection connection,
      @Nullable String resultTopic,
      int resultQos,
      List<TriggerListener> listeners) {
    this.connection = connection;
    this.resultTopic = resultTopic;
    this.resultQos = resultQos;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void accept(TriggerPipeline.Finished finished) {
    TriggerOutcome outcome = finished.outcome();
    IncomingMessage message = finished.message();

    // The log line and the listeners run with MDC fields taskwire.topic, taskwire.message and
    // taskwire.tasks, so that a log layout, and the application's own logging in a listener, can
    // follow a trigger.
    try (MDC.MDCCloseable topicField =
            MDC.putCloseable("taskwire.topic", shownTopic(message.topic()));
        MDC.MDCCloseable messageField =
            MDC.putCloseable("taskwire.message", outcome.context().messageId());
        MDC.MDCCloseable tasksField = MDC.putCloseable("taskwire.tasks", tasks(outcome))) {
      logOutcome(outcome);
      for (TriggerListener listener : listeners) {
        try {
          listener.onOutcome(outcome);
        } catch (RuntimeException e) {
          log.error(
              "A trigger listener failed on the outcome of a message on {}",
              shownTopic(message.topic()),
              e);
        }
      }
    }

    // Acknowledge only once the reports are with the broker, so that a crash in between means
    // redelivery rather than a trigger nobody heard of.
    CompletableFuture<Void> published = CompletableFuture.completedFuture(null);
    String responseTopic = message.responseTopic();
    // Without a topic to report on, there is no JSON to render.
    if (resultTopic != null || responseTopic != null) {
      byte[] json = toJson(outcome);
      if (resultTopic != null) {
        String topic = resultTopic;
        published =
            published.thenCompose(v -> connection.publish(topic, json, resultQos, false, null));
      }
      if (responseTopic != null) {
        published =
            published.thenCompose(
                v ->
                    connection.publish(
                        responseTopic, json, resultQos, false, message.correlationData()));
      }
    }
    published.whenComplete(
        (ok, failure) -> {
          if (failure != null) {
            log.warn(
                "Could not publish the outcome of a message on {}: {}",
                shownTopic(message.topic()),
                failure.toString());
          }
          message.acknowledgement().run();
        });
  }

  private static void logOutcome(TriggerOutcome outcome) {
    logLine(outcome, shownTopic(outcome.context().topic()));
  }

  private static String tasks(TriggerOutcome outcome) {
    TaskStartReport report =
        outcome instanceof TriggerOutcome.Completed completed
            ? completed.report()
            : outcome instanceof TriggerOutcome.DeadLettered dead ? dead.report() : null;
    if (report == null) {
      return "";
    }
    return String.join(",", report.results().stream().map(TaskStartResult::task).toList());
  }

  private static void logLine(TriggerOutcome outcome, String topic) {
    if (outcome instanceof TriggerOutcome.Completed completed) {
      if (completed.report().allStarted()) {
        log.info(
            "Trigger from {} done in {} ms: {}",
            topic,
            completed.elapsed().toMillis(),
            describe(completed.report()));
      } else if (outcome.code().equals("not-started")) {
        // QRS declined (task disabled or already running) or the task was held back on purpose:
        // worth seeing, but nothing failed.
        log.warn("Trigger on {} did not start every task: {}", topic, describe(completed.report()));
      } else {
        log.error(
            "Trigger on {} did not start every task: {}", topic, describe(completed.report()));
      }
    } else if (outcome instanceof TriggerOutcome.DeadLettered dead) {
      log.error(
          "Gave up on trigger from {} after {} attempts: {}",
          topic,
          dead.attempts(),
          describe(dead.report()));
    } else if (outcome instanceof TriggerOutcome.Rejected rejected) {
      log.warn(
          "Rejected message on {} ({}): {}",
          topic,
          rejected.rejection().reason().code(),
          rejected.rejection().message());
    } else if (outcome instanceof TriggerOutcome.Ignored ignored) {
      log.debug("Ignored message on {}: {}", topic, ignored.reason());
    }
  }

  private static String describe(TaskStartReport report) {
    StringBuilder out = new StringBuilder();
    for (TaskStartResult result : report.results()) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(result.task()).append(' ');
      if (result instanceof TaskStartResult.Started started) {
        out.append("started");
        if (started.executionSessionId() != null) {
          out.append(" (session ").append(started.executionSessionId()).append(')');
        }
      } else if (result instanceof TaskStartResult.NotStarted notStarted) {
        out.append("not started: ").append(notStarted.reason());
      } else if (result instanceof TaskStartResult.Failed failed) {
        out.append("failed (").append(failed.kind().code()).append("): ").append(failed.message());
      }
    }
    return out.toString();
  }

  /** Renders {@code outcome} as the JSON published on the result and response topics. */
  public static byte[] toJson(TriggerOutcome outcome) {
    ObjectNode root = JSON.createObjectNode();
    root.put("outcome", outcome.code());
    root.put("messageId", outcome.context().messageId());
    root.put("topic", outcome.context().topic());
    root.put("receivedAt", outcome.context().receivedAt().toString());

    if (outcome instanceof TriggerOutcome.Completed completed) {
      putReport(root, completed.report(), completed.attempts(), completed.elapsed().toMillis());
    } else if (outcome instanceof TriggerOutcome.DeadLettered dead) {
      putReport(root, dead.report(), dead.attempts(), dead.elapsed().toMillis());
    } else if (outcome instanceof TriggerOutcome.Rejected rejected) {
      root.put("reason", rejected.rejection().reason().code());
      root.put("message", rejected.rejection().message());
    } else if (outcome instanceof TriggerOutcome.Ignored ignored) {
      root.put("reason", ignored.reason());
    }

    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree could not be written", e);
    }
  }

  private static void putReport(
      ObjectNode root, TaskStartReport report, int attempts, long elapsedMs) {
    root.put("request", report.request().selector().describe());
    root.put("attempts", attempts);
    root.put("elapsedMs", elapsedMs);
    ArrayNode tasks = root.putArray("tasks");
    for (TaskStartResult result : report.results()) {
      ObjectNode task = tasks.addObject();
      task.put("task", result.task());
      if (result instanceof TaskStartResult.Started started) {
        task.put("result", "started");
        task.put("executionSessionId", started.executionSessionId());
        TaskExecution execution = started.execution();
        if (execution != null) {
          task.put("executionStatus", execution.status().name());
          task.put("durationMs", execution.duration().toMillis());
        }
      } else if (result instanceof TaskStartResult.NotStarted notStarted) {
        task.put("result", "not-started");
        task.put("message", notStarted.reason());
      } else if (result instanceof TaskStartResult.Failed failed) {
        task.put("result", "failed");
        task.put("failure", failed.kind().code());
        task.put("httpStatus", failed.httpStatus());
        task.put("message", failed.message());
      }
    }
  }

  /** A topic as log lines show it: up to 200 characters, control characters escaped. */
  private static String shownTopic(String topic) {
    return Text.preview(topic, 200);
  }
}
