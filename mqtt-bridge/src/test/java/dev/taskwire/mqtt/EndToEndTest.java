package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path: a separate MQTT client publishes to the real Mosquitto on 127.0.0.1:1883, the
 * trigger starts the task through the real QRS client, and the QRS emulator over mutual TLS records
 * what arrived.
 */
class EndToEndTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String UNKNOWN = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";

  @TempDir Path directory;

  private final String root = TestBroker.uniqueRoot();
  private final OutcomeCollector outcomes = new OutcomeCollector();
  private QrsEmulator emulator;
  private QrsTaskStarter starter;
  private MqttTaskTrigger trigger;
  private Mqtt5BlockingClient publisher;

  @BeforeEach
  void start() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory)
            .task(EmulatedTask.reload(T, "Reload sales"))
            .start();
    EmulatorCertificates files = emulator.certificates();
    starter =
        QrsTaskStarter.create(
            QrsConfig.builder()
                .baseUri(emulator.baseUri())
                .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
                .rootCa(files.rootCa())
                .user("INTERNAL", "svc_taskwire")
                .build());
    trigger = TestBroker.trigger(root).taskStarter(starter).listener(outcomes).build();
    trigger.startAndWait(Duration.ofSeconds(10));
    publisher = TestBroker.publisher();
  }

  @AfterEach
  void stop() {
    publisher.disconnect();
    trigger.close();
    starter.close();
    emulator.close();
  }

  @Test
  void aPublishedTaskIdReachesQrsAsExactlyOneAuthenticatedStart() {
    TestBroker.publish(publisher, root + "/start_task", (T + "\n").getBytes(UTF_8));

    TriggerOutcome outcome = outcomes.await(1).get(0);

    assertThat(outcome.code()).isEqualTo("started");
    List<RecordedRequest> requests = emulator.requests();
    assertThat(requests).hasSize(1);
    RecordedRequest start = requests.get(0);
    assertThat(start.method()).isEqualTo("POST");
    assertThat(start.path()).isEqualTo("/qrs/task/" + T + "/start/synchronous");
    assertThat(start.status()).isEqualTo(201);
    assertThat(start.clientCertificateSubject()).isNotNull();
    assertThat(start.user()).isEqualTo("INTERNAL\\svc_taskwire");
    String xrfkey = start.queryParameter("xrfkey").orElseThrow();
    assertThat(xrfkey).matches("[A-Za-z0-9]{16}");
    assertThat(start.header("X-Qlik-Xrfkey")).contains(xrfkey);
  }

  @Test
  void anUnknownTaskIsReportedAsFailedWithQrsStatusAndTheTriggerGoesOn() {
    TestBroker.publish(publisher, root + "/start_task", UNKNOWN.getBytes(UTF_8));
    TestBroker.publish(publisher, root + "/start_task", T.getBytes(UTF_8));

    List<TriggerOutcome> seen = outcomes.await(2);

    // Starts run concurrently, so the two outcomes may arrive in either order.
    TriggerOutcome.Completed failed = byTask(seen, UNKNOWN);
    TriggerOutcome.Completed started = byTask(seen, T);
    assertThat(failed.code()).isEqualTo("failed");
    TaskStartResult.Failed result = (TaskStartResult.Failed) failed.report().results().get(0);
    assertThat(result.httpStatus()).isEqualTo(404);
    assertThat(result.kind()).isEqualTo(FailureKind.NOT_FOUND);
    assertThat(result.message()).contains("not found or not visible to INTERNAL\\svc_taskwire");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(started.code()).isEqualTo("started");
  }

  private static TriggerOutcome.Completed byTask(List<TriggerOutcome> outcomes, String task) {
    return outcomes.stream()
        .map(TriggerOutcome.Completed.class::cast)
        .filter(o -> o.report().results().get(0).task().equals(task))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aNonIdPayloadMakesNoHttpCallAtAll() {
    TestBroker.publish(publisher, root + "/start_task", "abc".getBytes(UTF_8));

    TriggerOutcome.Rejected rejected = (TriggerOutcome.Rejected) outcomes.await(1).get(0);

    assertThat(rejected.rejection().reason().code()).isEqualTo("invalid-task-id");
    assertThat(rejected.rejection().message()).contains("is not a task ID");
    assertThat(emulator.requests()).isEmpty();
  }
}
