package dev.taskwire.mqtt.internal;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;

/** Turns checked TLS settings into the MQTT client's TLS configuration. */
final class TlsConfig {

  private TlsConfig() {}

  static MqttClientSslConfig of(BrokerSettings.TlsSettings tls) {
    MqttClientSslConfigBuilder builder = MqttClientSslConfig.builder();
    if (tls.trust() != null) {
      builder = builder.trustManagerFactory(tls.trust());
    }
    if (tls.keys() != null) {
      builder = builder.keyManagerFactory(tls.keys());
    }
    if (!tls.hostnameVerification()) {
      // A verifier that accepts any name stops the client from checking the name itself.
      builder = builder.hostnameVerifier((hostname, session) -> true);
    }
    return builder.build();
  }
}
