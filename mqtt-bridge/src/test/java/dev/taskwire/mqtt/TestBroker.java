package dev.taskwire.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.util.UUID;

/** The Mosquitto broker that the tests run against, and a plain client to publish with. */
final class TestBroker {

  static final String HOST = System.getProperty("taskwire.test.brokerHost", "127.0.0.1");
  static final int PORT = Integer.getInteger("taskwire.test.brokerPort", 1883);

  private TestBroker() {}

  /** A topic root of the test's own, so that tests never see each other's messages. */
  static String uniqueRoot() {
    return "taskwire-test/" + UUID.randomUUID();
  }

  /** A connected MQTT 5 client for publishing test messages. */
  static Mqtt5BlockingClient publisher() {
    Mqtt5BlockingClient client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("test-publisher-" + UUID.randomUUID())
            .serverHost(HOST)
            .serverPort(PORT)
            .buildBlocking();
    client.connect();
    return client;
  }

  static void publish(Mqtt5BlockingClient client, String topic, byte[] payload) {
    client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).send();
  }

  /** A trigger builder pointed at the test broker with a clean session. */
  static MqttTaskTriggerBuilder trigger(String root) {
    return MqttTaskTrigger.builder()
        .broker(HOST, PORT)
        .cleanStart(true)
        .rootTopicFilter(root + "/#")
        .taskStartTopic(root + "/start_task");
  }
}
