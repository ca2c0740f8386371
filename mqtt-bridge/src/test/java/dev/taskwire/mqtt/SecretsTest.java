package dev.taskwire.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.taskwire.core.FilterChain;
import dev.taskwire.core.tls.PemReader;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import dev.taskwire.qrs.testkit.VirtualProxyAuth;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run with every secret-bearing option set (broker password, broker client key passphrase,
 * QRS key passphrase, QRS JWT), plus failures caused by wrong secrets: no secret appears in any log
 * line (DEBUG included), result message, exception message or toString().
 */
class SecretsTest {

  private static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String BROKER_PASSWORD = "broker-pw-7Hq2";
  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.secret-claims.signature-9Zx";

  @TempDir Path directory;

  @Test
  void noSecretLeaksIntoLogsResultsOrMessages() throws Exception {
    QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(directory.resolve("qrs"))
            .task(EmulatedTask.reload(T, "Reload sales"))
            .virtualProxy("jwt", VirtualProxyAuth.jwt(JWT, "CORP\\svc_jwt"))
            .start();
    EmulatorCertificates files = emulator.certificates();
    String keyPassphrase = files.keyPassphrase();
    List<String> secrets = List.of(BROKER_PASSWORD, JWT, keyPassphrase, files.pfxPassword());
    Path passwords = directory.resolve("passwords");
    Process hash =
        new ProcessBuilder(
                "mosquitto_passwd", "-b", "-c", passwords.toString(), "taskwire", BROKER_PASSWORD)
            .start();
    assertThat(hash.waitFor()).isZero();
    MosquittoProcess broker =
        MosquittoProcess.start(
            Files.createDirectories(directory.resolve("broker")),
            List.of(
                "cafile " + files.rootCa(),
                "certfile " + files.serverCert(),
                "keyfile " + files.serverKey(),
                "require_certificate true",
                "allow_anonymous false",
                "password_file " + passwords));
    String root = "secrets/" + UUID.randomUUID();

    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> texts = new ArrayList<>();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try (QrsTaskStarter byCertificate =
            QrsTaskStarter.create(
                QrsConfig.builder()
                    .baseUri(emulator.baseUri())
                    .authentication(
                        QrsAuthentication.pem(
                            files.clientCert(),
                            files.clientKeyEncrypted(),
                            keyPassphrase.toCharArray()))
                    .rootCa(files.rootCa())
                    .build());
        QrsTaskStarter byJwt =
            QrsTaskStarter.create(
                QrsConfig.builder()
                    .baseUri(URI.create(emulator.proxyBaseUri() + "/jwt"))
                    .authentication(QrsAuthentication.jwt(JWT))
                    .rootCa(files.rootCa())
                    .build());
        QrsTaskStarter badJwt =
            QrsTaskStarter.create(
                QrsConfig.builder()
                    .baseUri(URI.create(emulator.proxyBaseUri() + "/jwt"))
                    .authentication(QrsAuthentication.jwt(JWT + "-tampered"))
                    .rootCa(files.rootCa())
                    .build())) {
      BrokerTls tls =
          BrokerTls.trusting(files.rootCa())
              .withClientCertificate(
                  files.clientCert(), files.clientKeyEncrypted(), keyPassphrase.toCharArray());
      OutcomeCollector outcomes = new OutcomeCollector();
      MqttTaskTrigger trigger =
          MqttTaskTrigger.builder()
              .broker("localhost", broker.port())
              .tls(tls)
              .credentials("taskwire", BROKER_PASSWORD)
              .cleanStart(true)
              .rootTopicFilter(root + "/#")
              .taskStartTopic(root + "/cert")
              .taskStarter(byCertificate)
              .route(new TaskStartRoute(root + "/jwt", byJwt, FilterChain.empty(), false))
              .route(new TaskStartRoute(root + "/badjwt", badJwt, FilterChain.empty(), false))
              .resultTopic(root + "/result")
              .statusTopic(root + "/status")
              .retryPolicy(RetryPolicy.NONE)
              .listener(outcomes)
              .build();
      texts.add(tls.toString());
      texts.add(byCertificate.client().config().toString());
      texts.add(byJwt.client().config().toString());
      trigger.startAndWait(Duration.ofSeconds(10));

      Mqtt5BlockingClient client =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("secrets-" + UUID.randomUUID())
              .serverHost("localhost")
              .serverPort(broker.port())
              .sslConfig()
              .trustManagerFactory(
                  dev.taskwire.core.tls.TlsContexts.trustOnly(files.rootCa(), "test"))
              .keyManagerFactory(
                  dev.taskwire.core.tls.TlsContexts.pemClient(
                      files.clientCert(), files.clientKey(), null, "c", "k"))
              .applySslConfig()
              .simpleAuth()
              .username("taskwire")
              .password(BROKER_PASSWORD.getBytes(UTF_8))
              .applySimpleAuth()
              .buildBlocking();
      client.connect();
      try (Mqtt5BlockingClient.Mqtt5Publishes results =
          client.publishes(MqttGlobalPublishFilter.ALL)) {
        client.subscribeWith().topicFilter(root + "/result").qos(MqttQos.AT_LEAST_ONCE).send();
        List<String> topics = List.of("/cert", "/jwt", "/badjwt", "/cert");
        List<String> payloads = List.of(T, T, T, "not-a-task-id");
        for (int i = 0; i < topics.size(); i++) {
          client
              .publishWith()
              .topic(root + topics.get(i))
              .payload(payloads.get(i).getBytes(UTF_8))
              .qos(MqttQos.AT_LEAST_ONCE)
              .send();
        }
        outcomes.await(4);
        for (int i = 0; i < 4; i++) {
          texts.add(
              new String(
                  results.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(), UTF_8));
        }
      }
      client.disconnect();
      trigger.close();

      assertThatThrownBy(
              () ->
                  PemReader.privateKey(
                      files.clientKeyEncrypted(), "wrong".toCharArray(), "qrs.clientKey"))
          .satisfies(e -> texts.add(e.getMessage()));
      MqttTaskTrigger wrongPassword =
          MqttTaskTrigger.builder()
              .broker("localhost", broker.port())
              .tls(tls)
              .credentials("taskwire", BROKER_PASSWORD + "-wrong")
              .rootTopicFilter(root + "/#")
              .taskStartTopic(root + "/cert")
              .taskStarter(byCertificate)
              .build();
      assertThatThrownBy(() -> wrongPassword.startAndWait(Duration.ofSeconds(10)))
          .satisfies(e -> texts.add(e.getMessage()));
    } finally {
      System.setErr(originalErr);
      emulator.close();
      broker.close();
    }

    String logs = captured.toString(UTF_8);
    assertThat(logs).contains("Rejected message").contains("DEBUG").contains("(401)");
    assertThat(texts).anySatisfy(text -> assertThat(text).contains("\"outcome\":\"started\""));
    for (String secret : secrets) {
      assertThat(logs).doesNotContain(secret);
      assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(secret));
    }
  }
}
