package dev.taskwire.runner;

import dev.taskwire.core.CircuitBreaker;
import dev.taskwire.core.TaskStarter;
import dev.taskwire.mqtt.BrokerTls;
import dev.taskwire.mqtt.MqttTaskTriggerBuilder;
import dev.taskwire.mqtt.MqttVersion;
import dev.taskwire.mqtt.RetryPolicy;
import java.util.List;

/**
 * Maps the {@code mqtt} and {@code trigger} sections of a taskwire file onto the trigger builder.
 */
final class TriggerSettings {

  static final List<String> MQTT_KEYS =
      List.of(
          "host",
          "port",
          "version",
          "clientId",
          "username",
          "password",
          "passwordEnv",
          "passwordFile",
          "rootTopic",
          "taskStartTopic",
          "idFromTopic",
          "routes",
          "qos",
          "resultTopic",
          "statusTopic",
          "cleanStart",
          "sessionExpiry",
          "reconnectInitialDelay",
          "reconnectMaxDelay",
          "receiveMaximum",
          "tls");

  static final List<String> TLS_KEYS =
      List.of(
          "caFile",
          "clientCert",
          "clientKey",
          "clientKeyPassphrase",
          "clientKeyPassphraseEnv",
          "clientKeyPassphraseFile",
          "hostnameVerification");

  static final List<String> TRIGGER_KEYS =
      List.of(
          "maxInFlight",
          "maxQueued",
          "maxPayloadBytes",
          "shutdownTimeout",
          "duplicateWindow",
          "retry");

  static final List<String> RETRY_KEYS = List.of("maxAttempts", "initialDelay", "maxDelay");

  private TriggerSettings() {}

  /** Applies every {@code mqtt} setting but {@code routes}, which {@link RouteSettings} reads. */
  static void applyMqtt(ConfigNode mqtt, MqttTaskTriggerBuilder builder) {
    mqtt.requireOnly(MQTT_KEYS);
    builder.broker(
        mqtt.text("host").orElse("localhost"),
        mqtt.integer("port").orElse(MqttTaskTriggerBuilder.DEFAULT_PORT));
    mqtt.text("version").map(v -> version(mqtt, v)).ifPresent(builder::mqttVersion);
    mqtt.text("clientId").ifPresent(builder::clientId);
    mqtt.text("username")
        .ifPresent(user -> builder.credentials(user, mqtt.secret("password").orElse("")));
    builder.rootTopicFilter(mqtt.requiredText("rootTopic"));
    mqtt.text("taskStartTopic").ifPresent(builder::taskStartTopic);
    mqtt.bool("idFromTopic").ifPresent(builder::idFromTopic);
    mqtt.integer("qos").ifPresent(builder::qos);
    mqtt.text("resultTopic").ifPresent(builder::resultTopic);
    mqtt.text("statusTopic").ifPresent(builder::statusTopic);
    mqtt.bool("cleanStart").ifPresent(builder::cleanStart);
    mqtt.duration("sessionExpiry").ifPresent(builder::sessionExpiry);
    mqtt.integer("receiveMaximum").ifPresent(builder::receiveMaximum);
    if (mqtt.has("tls")) {
      builder.tls(tls(mqtt.child("tls")));
    }
    if (mqtt.has("reconnectInitialDelay") || mqtt.has("reconnectMaxDelay")) {
      builder.reconnectDelay(
          mqtt.duration("reconnectInitialDelay").orElse(java.time.Duration.ofSeconds(1)),
          mqtt.duration("reconnectMaxDelay").orElse(java.time.Duration.ofSeconds(30)));
    }
  }

  static void applyTrigger(ConfigNode trigger, MqttTaskTriggerBuilder builder) {
    trigger.requireOnly(TRIGGER_KEYS);
    builder.limits(
        trigger.integer("maxInFlight").orElse(MqttTaskTriggerBuilder.DEFAULT_MAX_IN_FLIGHT),
        trigger.integer("maxQueued").orElse(MqttTaskTriggerBuilder.DEFAULT_MAX_QUEUED));
    trigger.integer("maxPayloadBytes").ifPresent(builder::maxPayloadBytes);
    trigger.duration("shutdownTimeout").ifPresent(builder::shutdownTimeout);
    trigger.duration("duplicateWindow").ifPresent(builder::duplicateWindow);

    ConfigNode retry = trigger.child("retry");
    retry.requireOnly(RETRY_KEYS);
    RetryPolicy defaults = RetryPolicy.DEFAULT;
    builder.retryPolicy(
        new RetryPolicy(
            retry.integer("maxAttempts").orElse(defaults.maxAttempts()),
            retry.duration("initialDelay").orElse(defaults.initialDelay()),
            retry.duration("maxDelay").orElse(defaults.maxDelay())));
  }

  /** Wraps {@code starter} in a circuit breaker when {@code trigger.circuitBreaker} is set. */
  static TaskStarter guarded(ConfigNode trigger, TaskStarter starter) {
    if (!trigger.has("circuitBreaker")) {
      return starter;
    }
    ConfigNode breaker = trigger.child("circuitBreaker");
    breaker.requireOnly(List.of("failures", "openFor"));
    return CircuitBreaker.wrap(
        starter,
        breaker.integer("failures").orElse(5),
        breaker.duration("openFor").orElse(java.time.Duration.ofSeconds(30)));
  }

  private static BrokerTls tls(ConfigNode tls) {
    tls.requireOnly(TLS_KEYS);
    BrokerTls result =
        tls.existingFile("caFile", "Broker CA")
            .map(BrokerTls::trusting)
            .orElseGet(BrokerTls::trustingSystemCas);
    if (tls.has("clientCert")) {
      result =
          result.withClientCertificate(
              tls.existingFile("clientCert", "Client certificate").orElseThrow(),
              tls.existingFile("clientKey", "Client key")
                  .orElseThrow(() -> tls.error("clientKey", "is required with clientCert")),
              tls.secret("clientKeyPassphrase").map(String::toCharArray).orElse(null));
    }
    if (!tls.bool("hostnameVerification").orElse(true)) {
      result = result.withoutHostnameVerification();
    }
    return result;
  }

  private static MqttVersion version(ConfigNode mqtt, String text) {
    return switch (text.trim()) {
      case "5", "5.0" -> MqttVersion.V5;
      case "3", "3.1.1", "4" -> MqttVersion.V3_1_1;
      default -> throw mqtt.error("version", "must be 5 or 3.1.1, found '" + text + "'");
    };
  }
}
