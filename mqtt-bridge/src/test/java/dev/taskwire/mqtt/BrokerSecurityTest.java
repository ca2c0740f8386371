package dev.taskwire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.TaskwireException;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger against a Mosquitto of the test's own with a TLS listener, using certificates that
 * the QRS emulator generates (a root CA, a server certificate for "localhost", a client one).
 */
class BrokerSecurityTest {

  @TempDir static Path certificatesDirectory;
  @TempDir Path brokerDirectory;

  private static EmulatorCertificates trusted;
  private static EmulatorCertificates foreign;

  private MosquittoProcess broker;
  private MqttTaskTrigger trigger;

  @BeforeAll
  static void generateCertificates() {
    try (QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(certificatesDirectory.resolve("trusted"))
            .start()) {
      trusted = emulator.certificates();
    }
    foreign = EmulatorCertificates.generateUntrusted(certificatesDirectory.resolve("foreign"));
  }

  @AfterEach
  void stop() throws Exception {
    if (trigger != null) {
      trigger.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void connectsOverTlsTrustingTheConfiguredCa() throws Exception {
    broker = MosquittoProcess.start(brokerDirectory, tlsListener(false));

    trigger = trigger("localhost", BrokerTls.trusting(trusted.rootCa()));
    trigger.startAndWait(Duration.ofSeconds(10));

    assertThat(trigger.connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void refusesABrokerCertificateFromAnotherCa() throws Exception {
    broker = MosquittoProcess.start(brokerDirectory, tlsListener(false));

    MqttTaskTrigger wrongCa = trigger("localhost", BrokerTls.trusting(foreign.rootCa()));

    assertThatThrownBy(() -> wrongCa.startAndWait(Duration.ofSeconds(10)))
        .isInstanceOf(TaskwireException.class)
        .hasMessageStartingWith(
            "Could not connect to the MQTT broker at localhost:" + broker.port())
        .hasStackTraceContaining("PKIX path building failed");
  }

  @Test
  void refusesABrokerCertificateForAnotherHostName() throws Exception {
    broker = MosquittoProcess.start(brokerDirectory, tlsListener(false));

    MqttTaskTrigger byAddress = trigger("127.0.0.1", BrokerTls.trusting(trusted.rootCa()));

    assertThatThrownBy(() -> byAddress.startAndWait(Duration.ofSeconds(10)))
        .isInstanceOf(TaskwireException.class)
        .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1");
  }

  @Test
  void acceptsAnotherHostNameOnlyWhenVerificationIsTurnedOffByName() throws Exception {
    broker = MosquittoProcess.start(brokerDirectory, tlsListener(false));

    trigger =
        trigger("127.0.0.1", BrokerTls.trusting(trusted.rootCa()).withoutHostnameVerification());
    trigger.startAndWait(Duration.ofSeconds(10));

    assertThat(trigger.connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void presentsAClientCertificateWhenTheBrokerRequiresOne() throws Exception {
    broker = MosquittoProcess.start(brokerDirectory, tlsListener(true));

    trigger =
        trigger(
            "localhost",
            BrokerTls.trusting(trusted.rootCa())
                .withClientCertificate(
                    trusted.clientCert(),
                    trusted.clientKeyEncrypted(),
                    trusted.keyPassphrase().toCharArray()));
    trigger.startAndWait(Duration.ofSeconds(10));
    MqttTaskTrigger withoutCertificate = trigger("localhost", BrokerTls.trusting(trusted.rootCa()));

    assertThat(trigger.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThatThrownBy(() -> withoutCertificate.startAndWait(Duration.ofSeconds(10)))
        .isInstanceOf(TaskwireException.class);
  }

  @Test
  void refusesAWrongPasswordWithAClearError() throws Exception {
    Path passwords = brokerDirectory.resolve("passwords");
    Process hash =
        new ProcessBuilder(
                "mosquitto_passwd", "-b", "-c", passwords.toString(), "taskwire", "right-password")
            .inheritIO()
            .start();
    assertThat(hash.waitFor()).isZero();
    broker =
        MosquittoProcess.start(
            brokerDirectory, List.of("allow_anonymous false", "password_file " + passwords));

    MqttTaskTrigger wrong =
        TestBroker.trigger("taskwire-test")
            .broker("127.0.0.1", broker.port())
            .credentials("taskwire", "wrong-password")
            .taskStarter(new RecordingStarter())
            .build();
    trigger =
        TestBroker.trigger("taskwire-test")
            .broker("127.0.0.1", broker.port())
            .credentials("taskwire", "right-password")
            .taskStarter(new RecordingStarter())
            .build();

    assertThatThrownBy(() -> wrong.startAndWait(Duration.ofSeconds(10)))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining("NOT_AUTHORIZED")
        .hasMessageNotContaining("wrong-password");
    trigger.startAndWait(Duration.ofSeconds(10));
    assertThat(trigger.connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  @Test
  void appliesTheMqtt5CustomizerBeforeConnecting() throws Exception {
    Path passwords = brokerDirectory.resolve("passwords");
    Process hash =
        new ProcessBuilder(
                "mosquitto_passwd", "-b", "-c", passwords.toString(), "custom", "by-hook")
            .inheritIO()
            .start();
    assertThat(hash.waitFor()).isZero();
    broker =
        MosquittoProcess.start(
            brokerDirectory, List.of("allow_anonymous false", "password_file " + passwords));

    trigger =
        TestBroker.trigger("taskwire-test")
            .broker("127.0.0.1", broker.port())
            .taskStarter(new RecordingStarter())
            .mqtt5Customizer(
                builder ->
                    builder
                        .simpleAuth()
                        .username("custom")
                        .password("by-hook".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .applySimpleAuth())
            .build();
    trigger.startAndWait(Duration.ofSeconds(10));

    assertThat(trigger.connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }

  private List<String> tlsListener(boolean requireCertificate) {
    return List.of(
        "cafile " + trusted.rootCa(),
        "certfile " + trusted.serverCert(),
        "keyfile " + trusted.serverKey(),
        "require_certificate " + requireCertificate);
  }

  private MqttTaskTrigger trigger(String host, BrokerTls tls) {
    return TestBroker.trigger("taskwire-test")
        .broker(host, broker.port())
        .tls(tls)
        .taskStarter(new RecordingStarter())
        .build();
  }
}
