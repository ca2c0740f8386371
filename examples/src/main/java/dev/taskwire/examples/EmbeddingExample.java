package dev.taskwire.examples;

import dev.taskwire.mqtt.MqttTaskTrigger;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's embedding example: a trigger that starts the task named by each message on {@code
 * qliksense/start_task}, through QRS with the certificates the Qlik Management Console exported.
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /**
   * Starts a trigger; close it (and the starter it holds) to stop.
   *
   * @param qrsHost the QRS host, as named in its certificate
   * @param qrsPort QRS's port, normally 4242
   * @param certificates the folder holding client.pem, client_key.pem and root.pem
   * @param brokerHost the MQTT broker's host
   * @param brokerPort the MQTT broker's port
   */
  public static MqttTaskTrigger start(
      String qrsHost, int qrsPort, Path certificates, String brokerHost, int brokerPort) {
    QrsConfig qrs =
        QrsConfig.builder()
            .host(qrsHost)
            .port(qrsPort)
            .authentication(
                QrsAuthentication.pem(
                    certificates.resolve("client.pem"),
                    certificates.resolve("client_key.pem"),
                    null))
            .rootCa(certificates.resolve("root.pem"))
            .build();
    MqttTaskTrigger trigger =
        MqttTaskTrigger.builder()
            .broker(brokerHost, brokerPort)
            .rootTopicFilter("qliksense/#")
            .taskStartTopic("qliksense/start_task")
            .taskStarter(QrsTaskStarter.create(qrs))
            .build();
    trigger.startAndWait(Duration.ofSeconds(30));
    return trigger;
  }
}
