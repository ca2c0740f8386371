package dev.taskwire.qrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskStartReport;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TaskStarter;
import dev.taskwire.qrs.internal.ExecutionPoller;
import dev.taskwire.qrs.internal.QrsFailures;
import dev.taskwire.qrs.internal.QrsFilter;
import dev.taskwire.qrs.internal.RecentStarts;
import dev.taskwire.qrs.internal.TaskLookup;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Qlik Sense tasks through QRS.
 *
 * <pre>{@code
 * try (QrsTaskStarter starter = QrsTaskStarter.create(config)) {
 *   TaskStartReport report = starter.startAndWait(TaskStartRequest.ofIds(TaskId.parse(id)));
 * }
 * }</pre>
 *
 * <p>By ID, each task is started with {@code POST /qrs/task/{id}/start/synchronous}, which answers
 * once the task has started, with its execution session; an all-zero session means QRS did not
 * start it ({@link TaskStartResult.NotStarted}). With synchronous start off, one ID uses {@code
 * /start} and several use {@code /qrs/task/start/many} in one call. By name, tag or custom
 * property, the tasks are looked up first with a QRS filter ({@code GET /qrs/task/full?filter=})
 * and each match is started and reported; no match is a {@link FailureKind#NOT_FOUND} failure. With
 * tracking on, each execution is followed to its end and {@link
 * TaskStartResult.Started#execution()} carries its final status and duration.
 *
 * <p>The returned stage always completes normally: every non-2xx answer and every I/O failure is a
 * {@link TaskStartResult.Failed} in the report. Retries follow {@link QrsRetry}. Thread-safe.
 */
public final class QrsTaskStarter implements TaskStarter {

  /** How long, by default, an unanswered start may keep asking QRS whether it started. */
  public static final Duration DEFAULT_SETTLE_PATIENCE = Duration.ofMinutes(2);

  private static final Logger log = LoggerFactory.getLogger(QrsTaskStarter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // How often a start that got no answer asks QRS whether it started.
  private static final Duration SETTLE_FIRST_WAIT = Duration.ofMillis(500);
  private static final Duration SETTLE_MAX_WAIT = Duration.ofSeconds(10);
  private static final String NOT_STARTED =
      "QRS did not start the task: it is disabled, has no scheduler, or is already running";

  private final QrsClient client;
  private final boolean synchronousStart;
  private final @Nullable ExecutionPoller poller;
  private final @Nullable RecentStarts recentStarts;
  private final Map<TaskId, CompletableFuture<Void>> underWay = new ConcurrentHashMap<>();
  private final Duration settlePatience;

  private QrsTaskStarter(
      QrsClient client,
      boolean synchronousStart,
      @Nullable ExecutionTracking tracking,
      @Nullable Duration skipStartedWithin,
      Duration settlePatience) {
    this.client = client;
    this.synchronousStart = synchronousStart;
    this.poller = tracking == null ? null : new ExecutionPoller(client, tracking);
    this.recentStarts = skipStartedWithin == null ? null : new RecentStarts(skipStartedWithin);
    this.settlePatience = settlePatience;
  }

  /** Creates a starter with synchronous start and no tracking, and its client. */
  public static QrsTaskStarter create(QrsConfig config) {
    return builder(config).build();
  }

  /** Returns a builder for a starter with other options. */
  public static Builder builder(QrsConfig config) {
    return new Builder(Objects.requireNonNull(config, "config == null"));
  }

  /** The client this starter calls QRS with; closed with the starter. */
  public QrsClient client() {
    return client;
  }

  @Override
  public CompletableFuture<TaskStartReport> start(TaskStartRequest request) {
    Objects.requireNonNull(request, "request == null");
    TaskSelector selector = request.selector();
    CompletableFuture<List<TaskStartResult>> results;
    try {
      results =
          selector instanceof TaskSelector.ById byId
              ? startIds(byId.ids())
              : lookUpAndStart(selector);
    } catch (RuntimeException e) {
      results =
          CompletableFuture.completedFuture(List.of(QrsFailures.of(selector.describe(), e, false)));
    }
    return results.thenApply(list -> new TaskStartReport(request, list));
  }

  private CompletableFuture<List<TaskStartResult>> startIds(List<TaskId> ids) {
    RecentStarts recent = recentStarts;
    if (recent == null) {
      return startNow(ids);
    }
    // Claim each task before reading its last execution, and keep the claim until the start has
    // an answer: a second request for the task in this process would otherwise read the list
    // before the first start shows in it, and start the task again. A request that finds a task
    // claimed waits for that start to end, then reads the list itself, so it is neither lost when
    // that start fails nor started twice when it succeeds.
    CompletableFuture<Void> mine = new CompletableFuture<>();
    List<TaskId> claimed = new ArrayList<>();
    Map<TaskId, CompletableFuture<Void>> busy = new LinkedHashMap<>();
    for (TaskId id : ids) {
      CompletableFuture<Void> other = underWay.putIfAbsent(id, mine);
      if (other == null) {
        claimed.add(id);
      } else {
        busy.put(id, other);
      }
    }
    CompletableFuture<List<TaskStartResult>> own =
        (claimed.isEmpty() ? done(List.<TaskStartResult>of()) : checkThenStart(recent, claimed))
            .whenComplete(
                (results, failure) -> {
                  claimed.forEach(id -> underWay.remove(id, mine));
                  mine.complete(null);
                });
    CompletableFuture<List<TaskStartResult>> waited =
        busy.isEmpty()
            ? done(List.of())
            : CompletableFuture.allOf(busy.values().toArray(CompletableFuture[]::new))
                .handle((done, failure) -> List.copyOf(busy.keySet()))
                .thenCompose(this::startIds);
    return own.thenCombine(
        waited,
        (first, second) -> {
          Map<TaskId, TaskStartResult> byId = new HashMap<>();
          for (int i = 0; i < claimed.size(); i++) {
            byId.put(claimed.get(i), first.get(i));
          }
          List<TaskId> later = List.copyOf(busy.keySet());
          for (int i = 0; i < later.size(); i++) {
            byId.put(later.get(i), second.get(i));
          }
          return ids.stream().map(byId::get).toList();
        });
  }

  /** Reads the last execution of {@code ids} from QRS, then starts those not held back. */
  private CompletableFuture<List<TaskStartResult>> checkThenStart(
      RecentStarts recent, List<TaskId> ids) {
    return client
        .get("/qrs/task/full", Map.of("filter", RecentStarts.filterFor(ids)))
        .thenCompose(
            response -> {
              if (!response.ok()) {
                return done(
                    eachOf(ids, id -> QrsFailures.of(id.value(), response, client.config())));
              }
              Map<TaskId, RecentStarts.LastExecution> last;
              try {
                last = RecentStarts.read(response.body());
              } catch (IllegalArgumentException e) {
                return done(eachOf(ids, id -> unreadable(id.value(), response, e)));
              }
              return startUnlessHeld(recent, ids, last);
            })
        .exceptionally(
            failure -> eachOf(ids, id -> QrsFailures.of(id.value(), unwrap(failure), false)));
  }

  /**
   * Starts the tasks among {@code ids} that {@code recent} does not hold back; the others are
   * reported as not started, with the reason. Results come in the order of {@code ids}.
   */
  private CompletableFuture<List<TaskStartResult>> startUnlessHeld(
      RecentStarts recent, List<TaskId> ids, Map<TaskId, RecentStarts.LastExecution> last) {
    Instant now = Instant.now();
    Map<TaskId, TaskStartResult> held = new HashMap<>();
    List<TaskId> free = new ArrayList<>();
    for (TaskId id : ids) {
      String reason = recent.holdReason(last.get(id), now);
      if (reason == null) {
        free.add(id);
      } else {
        held.put(id, new TaskStartResult.NotStarted(id.value(), "Not started: " + reason));
      }
    }
    CompletableFuture<List<TaskStartResult>> started =
        free.isEmpty() ? done(List.of()) : startNow(free);
    return started.thenApply(results -> inOrder(ids, held, results));
  }

  /** One result per ID in the order of {@code ids}: from {@code settled}, else the next of rest. */
  private static List<TaskStartResult> inOrder(
      List<TaskId> ids, Map<TaskId, TaskStartResult> settled, List<TaskStartResult> rest) {
    Iterator<TaskStartResult> next = rest.iterator();
    return ids.stream().map(id -> settled.containsKey(id) ? settled.get(id) : next.next()).toList();
  }

  private static List<TaskStartResult> eachOf(
      List<TaskId> ids, Function<TaskId, TaskStartResult> result) {
    return ids.stream().map(result).toList();
  }

  private CompletableFuture<List<TaskStartResult>> startNow(List<TaskId> ids) {
    if (!synchronousStart && ids.size() > 1) {
      return startMany(ids);
    }
    List<CompletableFuture<TaskStartResult>> each = new ArrayList<>();
    for (TaskId id : ids) {
      each.add(startOne(id));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
  }

  private CompletableFuture<TaskStartResult> startOne(TaskId id) {
    String path = "/qrs/task/" + id.value() + (synchronousStart ? "/start/synchronous" : "/start");
    Instant sent = Instant.now();
    return client
        .post(path, Map.of(), null)
        .thenCompose(response -> startAnswer(id.value(), response))
        .exceptionallyCompose(failure -> failedStart(id, unwrap(failure), sent));
  }

  /**
   * The result of a start call that got no answer. When the call may have reached QRS, the task's
   * last execution tells what happened: it started since the call (started), it is running a start
   * from before (not started), or QRS lists no start since (a failure that is safe to retry). If
   * that cannot be read either, the start stays {@link FailureKind#UNCERTAIN}.
   */
  private CompletableFuture<TaskStartResult> failedStart(
      TaskId id, Throwable failure, Instant sent) {
    TaskStartResult.Failed result = QrsFailures.of(id.value(), failure, true);
    if (result.kind() != FailureKind.UNCERTAIN) {
      return done(result);
    }
    // A client certificate QRS refuses looks like this too, and waiting will not mend it.
    Duration patience =
        client.config().clientCertificateFromRootCa() ? settlePatience : Duration.ZERO;
    long deadline = System.nanoTime() + patience.toNanos();
    return settleUncertain(id, failure, sent, result, deadline, SETTLE_FIRST_WAIT);
  }

  /**
   * Reads the task's last execution to settle a start that got no answer. While QRS cannot be
   * reached or answers 5xx, as when it restarts, it is asked again with growing waits for up to the
   * configured patience; after that, or on any other answer, the start stays uncertain.
   */
  private CompletableFuture<TaskStartResult> settleUncertain(
      TaskId id,
      Throwable failure,
      Instant sent,
      TaskStartResult.Failed uncertain,
      long deadline,
      Duration wait) {
    return client
        .get("/qrs/task/full", Map.of("filter", RecentStarts.filterFor(List.of(id))))
        .handle(
            (response, lookupFailure) -> {
              if (lookupFailure == null && response.ok()) {
                RecentStarts.LastExecution last;
                try {
                  last = RecentStarts.read(response.body()).get(id);
                } catch (IllegalArgumentException e) {
                  return done((TaskStartResult) uncertain);
                }
                return done(
                    last == null ? uncertain : RecentStarts.settle(id, failure, sent, last));
              }
              boolean unreachable =
                  lookupFailure == null
                      ? response.status() >= 500
                      : unwrap(lookupFailure) instanceof QrsTransportException transport
                          && transport.kind().retryable();
              if (!unreachable || System.nanoTime() + wait.toNanos() > deadline) {
                return done((TaskStartResult) uncertain);
              }
              log.info(
                  "Start of task {} got no answer and QRS cannot tell yet whether it started;"
                      + " asking again in {} ms",
                  id.value(),
                  wait.toMillis());
              Duration next =
                  wait.multipliedBy(2).compareTo(SETTLE_MAX_WAIT) > 0
                      ? SETTLE_MAX_WAIT
                      : wait.multipliedBy(2);
              return CompletableFuture.supplyAsync(
                      () -> settleUncertain(id, failure, sent, uncertain, deadline, next),
                      CompletableFuture.delayedExecutor(
                          wait.toMillis(), TimeUnit.MILLISECONDS, Runnable::run))
                  .thenCompose(again -> again);
            })
        .thenCompose(settled -> settled);
  }

  private CompletableFuture<TaskStartResult> startAnswer(String task, QrsResponse response) {
    if (!response.ok()) {
      return done(QrsFailures.of(task, response, client.config()));
    }
    String session = sessionOf(response.body());
    if (session == null) {
      // The asynchronous form, or a 2xx without a session: QRS accepted the start.
      return done(new TaskStartResult.Started(task, null));
    }
    if (TaskId.ALL_ZERO.equals(session)) {
      return done(new TaskStartResult.NotStarted(task, NOT_STARTED));
    }
    if (poller == null) {
      return done(new TaskStartResult.Started(task, session));
    }
    return poller
        .follow(session)
        .thenApply(execution -> new TaskStartResult.Started(task, session, execution));
  }

  private CompletableFuture<List<TaskStartResult>> startMany(List<TaskId> ids) {
    String body;
    try {
      body = JSON.writeValueAsString(ids.stream().map(TaskId::value).toList());
    } catch (IOException e) {
      throw new IllegalStateException("A list of task IDs could not be written as JSON", e);
    }
    return client
        .post("/qrs/task/start/many", Map.of(), body)
        .thenApply(
            response ->
                ids.stream()
                    .map(
                        id ->
                            response.ok()
                                ? (TaskStartResult) new TaskStartResult.Started(id.value(), null)
                                : QrsFailures.of(id.value(), response, client.config()))
                    .toList())
        .exceptionally(
            failure ->
                ids.stream()
                    .map(id -> (TaskStartResult) QrsFailures.of(id.value(), unwrap(failure), true))
                    .toList());
  }

  private CompletableFuture<List<TaskStartResult>> lookUpAndStart(TaskSelector selector) {
    String what = selector.describe();
    return client
        .get("/qrs/task/full", Map.of("filter", QrsFilter.of(selector)))
        .thenCompose(
            response -> {
              if (!response.ok()) {
                return done(List.of(QrsFailures.of(what, response, client.config())));
              }
              List<TaskId> ids;
              try {
                ids = TaskLookup.matching(selector, response.body());
              } catch (IllegalArgumentException e) {
                return done(List.of(unreadable(what, response, e)));
              }
              if (ids.isEmpty()) {
                return done(List.of(noMatch(selector, response.status())));
              }
              // With skipStartedWithin, the tasks found are claimed and read again, as by ID.
              return startIds(ids);
            })
        .exceptionally(failure -> List.of(QrsFailures.of(what, unwrap(failure), false)));
  }

  private TaskStartResult noMatch(TaskSelector selector, int status) {
    return new TaskStartResult.Failed(
        selector.describe(),
        FailureKind.NOT_FOUND,
        "No task matches "
            + TaskLookup.sought(selector)
            + " among the tasks visible to "
            + client.config().user(),
        status);
  }

  private static TaskStartResult unreadable(
      String what, QrsResponse response, IllegalArgumentException e) {
    return new TaskStartResult.Failed(
        what,
        FailureKind.SERVER,
        "Looking up "
            + what
            + ": QRS answered "
            + response.method()
            + " "
            + response.path()
            + " with "
            + response.status()
            + " and a body that is not a task list: "
            + e.getMessage(),
        response.status());
  }

  /** The session of a synchronous start's {@code {"value": "..."}}, or null if there is none. */
  private static @Nullable String sessionOf(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      JsonNode value = JSON.readTree(body).get("value");
      if (value == null || !value.isTextual()) {
        return null;
      }
      return TaskId.tryParse(value.textValue()).map(TaskId::value).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Closes the client: calls in flight complete, later starts are reported as failed. */
  @Override
  public void close() {
    client.close();
  }

  /** Options of a {@link QrsTaskStarter}; not thread-safe. */
  public static final class Builder {
    private final QrsConfig config;
    private boolean synchronousStart = true;
    private @Nullable ExecutionTracking tracking;
    private @Nullable Duration skipStartedWithin;
    private Duration settleUnansweredWithin = DEFAULT_SETTLE_PATIENCE;

    private Builder(QrsConfig config) {
      this.config = config;
    }

    /**
     * Whether to start with the synchronous call, which returns the execution session. Defaults to
     * true; tracking needs it. Off, one ID is started with {@code /start} (204) and several in one
     * {@code /qrs/task/start/many} call.
     */
    public Builder synchronousStart(boolean synchronousStart) {
      this.synchronousStart = synchronousStart;
      return this;
    }

    /** Follows each execution to its end; the result then carries its final status. */
    public Builder tracking(ExecutionTracking tracking) {
      this.tracking = Objects.requireNonNull(tracking, "tracking == null");
      return this;
    }

    /**
     * Before each start, reads the task's last execution from QRS ({@code operational
     * .lastExecutionResult} in {@code GET /qrs/task/full}) and does not start a task that is
     * running now or that started less than {@code window} ago; such a task is reported as {@link
     * TaskStartResult.NotStarted} with the reason, which is not retried. Zero holds back running
     * tasks only. Off by default; on, each start costs one more QRS call. Within this starter a
     * task is claimed from before that read until its start is answered; a concurrent request for
     * it waits for that answer, then reads the list itself.
     *
     * <p>Because QRS's task list is shared by everyone who starts tasks, this holds across
     * instances of taskwire in one shared subscription, across restarts, and against starts from
     * the QMC or a schedule, where a debounce filter holds within one process only. The window is
     * compared with QRS's start time, so the clocks of taskwire's host and QRS's must agree to well
     * within it.
     *
     * @throws IllegalArgumentException if {@code window} is negative
     */
    public Builder skipStartedWithin(Duration window) {
      Objects.requireNonNull(window, "window == null");
      if (window.isNegative()) {
        throw new IllegalArgumentException(
            "qrs.skipStartedWithin is " + window + "; expected zero or more");
      }
      this.skipStartedWithin = window;
      return this;
    }

    /**
     * How long a start that got no answer (timed out or cut off after sending) may keep asking QRS
     * whether the task started, while QRS cannot be reached or answers 5xx, as during a restart.
     * Defaults to two minutes; zero asks once. If QRS still cannot tell, the start is {@link
     * FailureKind#UNCERTAIN} and not retried.
     *
     * @throws IllegalArgumentException if {@code patience} is negative
     */
    public Builder settleUnansweredWithin(Duration patience) {
      Objects.requireNonNull(patience, "patience == null");
      if (patience.isNegative()) {
        throw new IllegalArgumentException(
            "qrs.settleUnansweredWithin is " + patience + "; expected zero or more");
      }
      this.settleUnansweredWithin = patience;
      return this;
    }

    /**
     * Builds the starter and its client.
     *
     * @throws IllegalArgumentException if tracking is on and synchronous start off
     */
    public QrsTaskStarter build() {
      if (tracking != null && !synchronousStart) {
        throw new IllegalArgumentException(
            "Tracking needs the execution session that only synchronous start returns"
                + " (qrs.synchronousStart, qrs.tracking)");
      }
      return new QrsTaskStarter(
          QrsClient.create(config),
          synchronousStart,
          tracking,
          skipStartedWithin,
          settleUnansweredWithin);
    }
  }
}
