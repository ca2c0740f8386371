package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.FilterChain;
import dev.taskwire.core.RejectReason;
import dev.taskwire.core.TaskwireException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttTaskTriggerTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";

  private final String root = TestBroker.uniqueRoot();
  private final RecordingStarter starter = new RecordingStarter();
  private final OutcomeCollector outcomes = new OutcomeCollector();
  private final Mqtt5BlockingClient publisher = TestBroker.publisher();
  private MqttTaskTrigger trigger;

  @AfterEach
  void tearDown() {
    if (trigger != null) {
      trigger.close();
    }
    publisher.disconnect();
  }

  @Test
  void refusesTaskStartTopicOutsideTheRootFilter() {
    assertThatThrownBy(
            () ->
                MqttTaskTrigger.builder()
                    .rootTopicFilter("qliksense/#")
                    .taskStartTopic("sense/start")
                    .taskStarter(starter)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Task-start topic 'sense/start' is not matched by the subscription 'qliksense/#', so no"
                + " message on it would arrive (mqtt.taskStartTopic)");
  }

  @Test
  void refusesAResultOrStatusTopicThatATaskStartTopicMatches() {
    assertThatThrownBy(
            () ->
                MqttTaskTrigger.builder()
                    .rootTopicFilter("qliksense/#")
                    .taskStartTopic("qliksense/start_task")
                    .taskStarter(starter)
                    .resultTopic("qliksense/start_task")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Topic 'qliksense/start_task' (mqtt.resultTopic) is a task-start topic"
                + " ('qliksense/start_task'): every report on it would come back as a trigger and"
                + " be reported again, without end. Publish reports outside the task-start topics");
    assertThatThrownBy(
            () ->
                MqttTaskTrigger.builder()
                    .rootTopicFilter("qliksense/#")
                    .taskStartTopic("qliksense/start/+")
                    .idFromTopic(true)
                    .taskStarter(starter)
                    .statusTopic("qliksense/start/status")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Topic 'qliksense/start/status' (mqtt.statusTopic) is a task-start");
  }

  @Test
  void acceptsADollarResultTopicUnderATaskStartFilterThatStartsWithAWildcard() {
    // A broker never matches $-topics with a leading wildcard, so no report would come back.
    MqttTaskTrigger built =
        MqttTaskTrigger.builder()
            .rootTopicFilter("#")
            .taskStartTopic("#")
            .taskStarter(starter)
            .resultTopic("$taskwire/results")
            .build();

    assertThat(built.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
    built.close();
  }

  @Test
  void acceptsTaskStartTopicUnderASharedSubscription() {
    MqttTaskTrigger built =
        MqttTaskTrigger.builder()
            .rootTopicFilter("$share/taskwire/qliksense/#")
            .taskStartTopic("qliksense/start_task")
            .taskStarter(starter)
            .build();

    assertThat(built.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
    built.close();
  }

  @Test
  void startsTaskPublishedOnTheTaskStartTopic() {
    trigger = TestBroker.trigger(root).taskStarter(starter).listener(outcomes).build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(publisher, root + "/start_task", T.getBytes(UTF_8));

    TriggerOutcome outcome = outcomes.await(1).get(0);
    assertThat(outcome.code()).isEqualTo("started");
    assertThat(starter.startedIds()).containsExactly(T);
  }

  @Test
  void rejectsEmptyWhitespaceAndNonIdPayloadsAndGoesOn() {
    trigger = TestBroker.trigger(root).taskStarter(starter).listener(outcomes).build();
    trigger.startAndWait(Duration.ofSeconds(10));

    for (String payload : List.of(" \n\t", "abc", "", T)) {
      TestBroker.publish(publisher, root + "/start_task", payload.getBytes(UTF_8));
    }

    List<TriggerOutcome> seen = outcomes.await(4);
    assertThat(seen)
        .extracting(TriggerOutcome::code)
        .containsExactly("rejected", "rejected", "ignored", "started");
    assertThat(((TriggerOutcome.Rejected) seen.get(0)).rejection().reason())
        .isEqualTo(RejectReason.EMPTY);
    assertThat(((TriggerOutcome.Rejected) seen.get(1)).rejection().reason())
        .isEqualTo(RejectReason.INVALID_TASK_ID);
    assertThat(starter.startedIds()).containsExactly(T);
  }

  @Test
  void ignoresOtherSubtopicsOfTheRoot() {
    trigger = TestBroker.trigger(root).taskStarter(starter).listener(outcomes).build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(publisher, root + "/something_else", T.getBytes(UTF_8));
    TestBroker.publish(publisher, root + "/start_task", T.getBytes(UTF_8));

    assertThat(outcomes.await(1)).hasSize(1);
    assertThat(outcomes.all().get(0).context().topic()).isEqualTo(root + "/start_task");
  }

  @Test
  void filterFoundByServiceLoaderRejectsAMessage() {
    FilterChain discovered = FilterChain.discover(getClass().getClassLoader());
    trigger =
        TestBroker.trigger(root)
            .taskStarter(starter)
            .filters(discovered)
            .listener(outcomes)
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(publisher, root + "/start_task", DenyTaskTestFilter.DENIED.getBytes(UTF_8));
    TestBroker.publish(publisher, root + "/start_task", T.getBytes(UTF_8));

    List<TriggerOutcome> seen = outcomes.await(2);
    assertThat(discovered.names()).containsExactly("deny-test-task");
    TriggerOutcome.Rejected rejected = (TriggerOutcome.Rejected) seen.get(0);
    assertThat(rejected.rejection().reason()).isEqualTo(RejectReason.FILTER_REJECTED);
    assertThat(rejected.rejection().message())
        .isEqualTo("Filter 'deny-test-task' rejected the request: task is on the test deny list");
    assertThat(starter.startedIds()).containsExactly(T);
  }

  @Test
  void retriesARetryableFailureThenReportsStarted() {
    RecordingStarter flaky = new RecordingStarter(2);
    trigger =
        TestBroker.trigger(root)
            .taskStarter(flaky)
            .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)))
            .listener(outcomes)
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(publisher, root + "/start_task", T.getBytes(UTF_8));

    TriggerOutcome.Completed outcome = (TriggerOutcome.Completed) outcomes.await(1).get(0);
    assertThat(outcome.code()).isEqualTo("started");
    assertThat(outcome.attempts()).isEqualTo(3);
    assertThat(flaky.requests).hasSize(3);
  }

  @Test
  void deadLettersWhenRetriesAreUsedUp() {
    RecordingStarter down = new RecordingStarter(Integer.MAX_VALUE);
    trigger =
        TestBroker.trigger(root)
            .taskStarter(down)
            .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)))
            .listener(outcomes)
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));

    TestBroker.publish(publisher, root + "/start_task", T.getBytes(UTF_8));

    TriggerOutcome outcome = outcomes.await(1).get(0);
    assertThat(outcome).isInstanceOf(TriggerOutcome.DeadLettered.class);
    assertThat(((TriggerOutcome.DeadLettered) outcome).attempts()).isEqualTo(2);
    assertThat(down.requests).hasSize(2);
  }

  @Test
  void failsStartClearlyWhenTheBrokerIsUnreachable() {
    MqttTaskTrigger unreachable =
        MqttTaskTrigger.builder()
            .broker("127.0.0.1", 1)
            .rootTopicFilter("qliksense/#")
            .taskStartTopic("qliksense/start_task")
            .taskStarter(starter)
            .build();

    assertThatThrownBy(() -> unreachable.startAndWait(Duration.ofSeconds(10)))
        .isInstanceOf(TaskwireException.class)
        .hasMessageStartingWith(
            "Could not connect to the MQTT broker at 127.0.0.1:1 and subscribe to 'qliksense/#'");
    assertThat(unreachable.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
  }
}
