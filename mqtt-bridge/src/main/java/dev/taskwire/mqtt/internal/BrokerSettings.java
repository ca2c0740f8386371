package dev.taskwire.mqtt.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link BrokerConnection} needs to connect; validated by the trigger's builder.
 *
 * @param host broker host
 * @param port broker port
 * @param clientId MQTT client identifier
 * @param cleanStart whether to discard a session the broker holds for this client ID
 * @param sessionExpiry how long the broker keeps the session after a disconnect (MQTT 5)
 * @param receiveMaximum how many unacknowledged QoS 1/2 messages the broker may send at once
 * @param username user name, or null
 * @param password password, or null; never logged
 * @param statusTopic retained status topic with a last will, or null
 * @param reconnectInitialDelay first reconnect delay
 * @param reconnectMaxDelay largest reconnect delay
 * @param tls TLS set-up, or null for plain TCP
 */
public record BrokerSettings(
    String host,
    int port,
    String clientId,
    boolean cleanStart,
    Duration sessionExpiry,
    int receiveMaximum,
    @Nullable String username,
    byte @Nullable [] password,
    @Nullable String statusTopic,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay,
    @Nullable TlsSettings tls) {

  /** The retained payload on the status topic while the trigger runs. */
  public static final String ONLINE = "{\"status\":\"online\"}";

  /** The retained payload on the status topic after a clean stop, and the last will. */
  public static final String OFFLINE = "{\"status\":\"offline\"}";

  /**
   * What the client needs for TLS, read and checked when the trigger was built.
   *
   * @param trust trust managers, or null for the runtime's default CAs
   * @param keys key managers presenting a client certificate, or null
   * @param hostnameVerification whether to check the broker's certificate against its host name
   */
  public record TlsSettings(
      javax.net.ssl.@Nullable TrustManagerFactory trust,
      javax.net.ssl.@Nullable KeyManagerFactory keys,
      boolean hostnameVerification) {}

  @Override
  public String toString() {
    return "BrokerSettings["
        + host
        + ":"
        + port
        + ", clientId="
        + clientId
        + ", user="
        + username
        + "]";
  }
}
