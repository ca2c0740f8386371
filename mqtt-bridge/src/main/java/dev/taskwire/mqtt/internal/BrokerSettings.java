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
    Duration reconnectMaxDelay) {

  /** The retained payload on the status topic while the trigger runs. */
  public static final String ONLINE = "{\"status\":\"online\"}";

  /** The retained payload on the status topic after a clean stop, and the last will. */
  public static final String OFFLINE = "{\"status\":\"offline\"}";

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
