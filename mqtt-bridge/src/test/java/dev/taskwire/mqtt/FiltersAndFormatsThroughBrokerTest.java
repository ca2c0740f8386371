package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.FilterChain;
import dev.taskwire.core.FilterDecision;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskInfo;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TriggerContext;
import dev.taskwire.core.TriggerFilter;
import dev.taskwire.core.filter.DebounceFilter;
import dev.taskwire.core.filter.PublisherFilter;
import dev.taskwire.core.filter.RateLimitFilter;
import dev.taskwire.core.filter.TaskListFilter;
import dev.taskwire.core.filter.TaskRule;
import dev.taskwire.core.filter.TimeWindowFilter;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payload formats and the built-in filters, through the real broker, QRS client and emulator. */
class FiltersAndFormatsThroughBrokerTest {

  private static final String SALES = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String FINANCE = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String HR = "9f8e7d6c-5b4a-4321-8fed-cba987654321";

  @TempDir Path directory;

  private QrsEmulator emulator() {
    return QrsEmulator.builder()
        .certificateDirectory(directory)
        .task(EmulatedTask.reload(SALES, "Reload sales").tags("mqtt").customProperty("env", "prod"))
        .task(EmulatedTask.reload(FINANCE, "Reload finance").tags("mqtt", "nightly"))
        .task(EmulatedTask.reload(HR, "Reload HR").customProperty("env", "prod"))
        .start();
  }

  private static QrsTaskStarter starter(QrsEmulator emulator) {
    EmulatorCertificates files = emulator.certificates();
    return QrsTaskStarter.create(
        QrsConfig.builder()
            .baseUri(emulator.baseUri())
            .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
            .rootCa(files.rootCa())
            .build());
  }

  @Test
  void startsTasksNamedByNameTagAndCustomPropertyInJsonPayloads() {
    String root = TestBroker.uniqueRoot();
    OutcomeCollector outcomes = new OutcomeCollector();
    Mqtt5BlockingClient publisher = TestBroker.publisher();
    try (QrsEmulator emulator = emulator();
        QrsTaskStarter starter = starter(emulator);
        MqttTaskTrigger trigger =
            TestBroker.trigger(root).taskStarter(starter).listener(outcomes).build()) {
      trigger.startAndWait(Duration.ofSeconds(10));

      for (String payload :
          List.of(
              "{\"taskName\": \"reload hr\"}",
              "{\"tag\": \"nightly\"}",
              "{\"customProperty\": {\"name\": \"env\", \"value\": \"prod\"}}",
              "{\"taskIds\": [\""
                  + SALES
                  + "\", \""
                  + FINANCE
                  + "\"], \"parameters\": {\"source\": \"erp\"}}")) {
        TestBroker.publish(publisher, root + "/start_task", payload.getBytes(UTF_8));
      }

      List<List<String>> started =
          outcomes.await(4).stream()
              .map(
                  o ->
                      ((TriggerOutcome.Completed) o)
                          .report().results().stream().map(TaskStartResult::task).sorted().toList())
              .toList();
      assertThat(started)
          .containsExactlyInAnyOrder(
              List.of(HR),
              List.of(FINANCE),
              List.of(SALES, HR).stream().sorted().toList(),
              List.of(SALES, FINANCE).stream().sorted().toList());
    } finally {
      publisher.disconnect();
    }
  }

  @Test
  void runsTheBuiltInFiltersInOrderAndSurvivesAThrowingOne() {
    String root = TestBroker.uniqueRoot();
    RecordingStarter starter = new RecordingStarter();
    OutcomeCollector outcomes = new OutcomeCollector();
    List<String> order = new CopyOnWriteArrayList<>();
    TaskCatalog catalog =
        TaskCatalog.of(
            List.of(
                new TaskInfo(TaskId.parse(SALES), "Reload sales", Set.of("mqtt"), Map.of()),
                new TaskInfo(
                    TaskId.parse(FINANCE), "Reload finance", Set.of("mqtt", "nightly"), Map.of()),
                new TaskInfo(TaskId.parse(HR), "Reload HR", Set.of(), Map.of())));
    TriggerFilter throwing = recording("explodes-on-finance", 1_000, order, true);
    FilterChain chain =
        FilterChain.of(
            List.of(
                new PublisherFilter("source-system", Set.of("erp")),
                TaskListFilter.allow(catalog, List.of(TaskRule.tag("mqtt"))),
                TaskListFilter.deny(catalog, List.of(TaskRule.tag("nightly-only"))),
                new TimeWindowFilter(
                    ZoneId.of("UTC"), EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, LocalTime.MAX),
                new DebounceFilter(Duration.ofMinutes(5)),
                new RateLimitFilter(100, Duration.ofMinutes(1)),
                recording("first", -1_000, order, false),
                throwing));
    Mqtt5BlockingClient publisher = TestBroker.publisher();
    try (MqttTaskTrigger trigger =
        TestBroker.trigger(root)
            .taskStarter(starter)
            .filters(chain)
            .duplicateWindow(Duration.ZERO)
            .listener(outcomes)
            .build()) {
      trigger.startAndWait(Duration.ofSeconds(10));

      publish(publisher, root, SALES, "erp");
      publish(publisher, root, SALES, "erp");
      publish(publisher, root, HR, "erp");
      publish(publisher, root, SALES, "laptop");
      publish(publisher, root, "{\"taskId\":\"" + FINANCE + "\"}", "erp");

      List<TriggerOutcome> seen = outcomes.await(5);
      assertThat(seen)
          .extracting(TriggerOutcome::code)
          .containsExactly("started", "ignored", "rejected", "rejected", "rejected");
      assertThat(((TriggerOutcome.Ignored) seen.get(1)).reason())
          .startsWith("Filter 'debounce': Duplicate of a request");
      assertThat(((TriggerOutcome.Rejected) seen.get(2)).rejection().message())
          .contains("Not on the allow list: " + HR);
      assertThat(((TriggerOutcome.Rejected) seen.get(3)).rejection().message())
          .contains("Publisher 'laptop'");
      assertThat(((TriggerOutcome.Rejected) seen.get(4)).rejection().reason().code())
          .isEqualTo("filter-failed");
      assertThat(starter.startedIds()).containsExactly(SALES);
      assertThat(order).startsWith("first", "explodes-on-finance");
    } finally {
      publisher.disconnect();
    }
  }

  @Test
  void denyListRateLimitAndClosedTimeWindowEachStopTheirMessages() {
    String root = TestBroker.uniqueRoot();
    RecordingStarter starter = new RecordingStarter();
    OutcomeCollector outcomes = new OutcomeCollector();
    TaskCatalog catalog =
        TaskCatalog.of(
            List.of(new TaskInfo(TaskId.parse(HR), "Reload HR", Set.of("manual-only"), Map.of())));
    FilterChain deny =
        FilterChain.of(List.of(TaskListFilter.deny(catalog, List.of(TaskRule.tag("manual-only")))));
    FilterChain limit = FilterChain.of(List.of(new RateLimitFilter(1, Duration.ofMinutes(10))));
    // A window from midnight to midnight is never open.
    FilterChain closed =
        FilterChain.of(
            List.of(
                new TimeWindowFilter(
                    ZoneId.of("UTC"),
                    EnumSet.allOf(DayOfWeek.class),
                    LocalTime.MIDNIGHT,
                    LocalTime.MIDNIGHT)));
    Mqtt5BlockingClient publisher = TestBroker.publisher();
    try (MqttTaskTrigger trigger =
        MqttTaskTrigger.builder()
            .broker(TestBroker.HOST, TestBroker.PORT)
            .rootTopicFilter(root + "/#")
            .route(new TaskStartRoute(root + "/deny", starter, deny, false))
            .route(new TaskStartRoute(root + "/limit", starter, limit, false))
            .route(new TaskStartRoute(root + "/closed", starter, closed, false))
            .duplicateWindow(Duration.ZERO)
            .listener(outcomes)
            .build()) {
      trigger.startAndWait(Duration.ofSeconds(10));

      TestBroker.publish(publisher, root + "/deny", HR.getBytes(UTF_8));
      TestBroker.publish(publisher, root + "/deny", SALES.getBytes(UTF_8));
      TestBroker.publish(publisher, root + "/limit", SALES.getBytes(UTF_8));
      TestBroker.publish(publisher, root + "/limit", SALES.getBytes(UTF_8));
      TestBroker.publish(publisher, root + "/closed", SALES.getBytes(UTF_8));

      List<TriggerOutcome> seen = outcomes.await(5);
      assertThat(seen)
          .extracting(TriggerOutcome::code)
          .containsExactly("rejected", "started", "started", "rejected", "rejected");
      assertThat(((TriggerOutcome.Rejected) seen.get(0)).rejection().message())
          .contains("On the deny list: " + HR);
      assertThat(((TriggerOutcome.Rejected) seen.get(3)).rejection().message())
          .contains("the limit is 1");
      assertThat(((TriggerOutcome.Rejected) seen.get(4)).rejection().message())
          .contains("Outside the start window");
      assertThat(starter.startedIds()).containsExactly(SALES, SALES);
    } finally {
      publisher.disconnect();
    }
  }

  private static void publish(
      Mqtt5BlockingClient publisher, String root, String payload, String source) {
    publisher
        .publishWith()
        .topic(root + "/start_task")
        .payload(payload.getBytes(UTF_8))
        .qos(MqttQos.AT_LEAST_ONCE)
        .userProperties()
        .add("source-system", source)
        .applyUserProperties()
        .send();
  }

  private static TriggerFilter recording(
      String name, int order, List<String> seen, boolean explodeOnFinance) {
    return new TriggerFilter() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int order() {
        return order;
      }

      @Override
      public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
        seen.add(name);
        if (explodeOnFinance && request.selector().describe().contains(FINANCE)) {
          throw new IllegalStateException("boom");
        }
        return FilterDecision.accept();
      }
    };
  }
}
