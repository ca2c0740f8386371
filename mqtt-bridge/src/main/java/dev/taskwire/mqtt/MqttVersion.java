package dev.taskwire.mqtt;

/** The MQTT protocol version the trigger speaks to the broker. */
public enum MqttVersion {
  /** MQTT 3.1.1: no user properties, response topics or receive maximum. */
  V3_1_1,
  /** MQTT 5: user properties, request/response, and flow control by receive maximum. */
  V5
}
