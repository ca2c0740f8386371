package dev.taskwire.runner;

import dev.taskwire.core.TaskwireException;
import dev.taskwire.qrs.ExecutionTracking;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Maps the {@code qrs} section of a taskwire file onto the QRS builders. */
final class QrsSettings {

  static final List<String> KEYS =
      List.of(
          "host",
          "port",
          "virtualProxy",
          "baseUri",
          "userDirectory",
          "userId",
          "clientCert",
          "clientKey",
          "clientKeyPassphrase",
          "clientKeyPassphraseEnv",
          "clientKeyPassphraseFile",
          "pfx",
          "pfxPassword",
          "pfxPasswordEnv",
          "pfxPasswordFile",
          "rootCa",
          "headerAuth",
          "jwt",
          "jwtEnv",
          "jwtFile",
          "hostnameVerification",
          "trustAnyServerCertificate",
          "connectTimeout",
          "requestTimeout",
          "maxConcurrentRequests",
          "synchronousStart",
          "tracking",
          "skipStartedWithin",
          "settleUnansweredWithin");

  private QrsSettings() {}

  static QrsTaskStarter starter(ConfigNode qrs) {
    qrs.requireOnly(KEYS);
    QrsConfig.Builder config = QrsConfig.builder();
    qrs.text("baseUri").ifPresent(uri -> config.baseUri(java.net.URI.create(uri)));
    qrs.text("host").ifPresent(config::host);
    qrs.integer("port").ifPresent(config::port);
    qrs.text("virtualProxy").ifPresent(config::virtualProxy);
    config.user(qrs.text("userDirectory").orElse("INTERNAL"), qrs.text("userId").orElse("sa_api"));
    config.authentication(authentication(qrs));
    qrs.existingFile("rootCa", "Root CA").ifPresent(config::rootCa);
    qrs.bool("hostnameVerification").ifPresent(config::hostnameVerification);
    qrs.bool("trustAnyServerCertificate").ifPresent(config::trustAnyServerCertificate);
    qrs.duration("connectTimeout").ifPresent(config::connectTimeout);
    qrs.duration("requestTimeout").ifPresent(config::requestTimeout);
    qrs.integer("maxConcurrentRequests").ifPresent(config::maxConcurrentRequests);

    QrsTaskStarter.Builder starter = QrsTaskStarter.builder(config.build());
    qrs.bool("synchronousStart").ifPresent(starter::synchronousStart);
    qrs.duration("skipStartedWithin").ifPresent(starter::skipStartedWithin);
    qrs.duration("settleUnansweredWithin").ifPresent(starter::settleUnansweredWithin);
    if (qrs.has("tracking")) {
      ConfigNode tracking = qrs.child("tracking");
      tracking.requireOnly(List.of("initialInterval", "maxInterval", "timeout"));
      ExecutionTracking defaults = ExecutionTracking.DEFAULT;
      starter.tracking(
          new ExecutionTracking(
              tracking.duration("initialInterval").orElse(defaults.initialInterval()),
              tracking.duration("maxInterval").orElse(defaults.maxInterval()),
              tracking.duration("timeout").orElse(defaults.timeout())));
    }
    return starter.build();
  }

  private static QrsAuthentication authentication(ConfigNode qrs) {
    List<String> given = new ArrayList<>();
    for (String key : List.of("clientCert", "pfx", "headerAuth", "jwt")) {
      if (qrs.has(key) || qrs.has(key + "Env") || qrs.has(key + "File")) {
        given.add(qrs.key(key));
      }
    }
    if (given.size() > 1) {
      throw new TaskwireException(
          "Give one way to authenticate, found " + String.join(", ", given));
    }
    if (qrs.has("clientCert")) {
      Path cert = qrs.existingFile("clientCert", "Client certificate").orElseThrow();
      Path key =
          qrs.existingFile("clientKey", "Client key")
              .orElseThrow(() -> qrs.error("clientKey", "is required with clientCert"));
      Optional<String> passphrase = qrs.secret("clientKeyPassphrase");
      return QrsAuthentication.pem(cert, key, passphrase.map(String::toCharArray).orElse(null));
    }
    if (qrs.has("pfx")) {
      Path pfx = qrs.existingFile("pfx", "PKCS#12").orElseThrow();
      String password =
          qrs.secret("pfxPassword")
              .orElseThrow(() -> qrs.error("pfxPassword", "is required with pfx"));
      return QrsAuthentication.pkcs12(pfx, password.toCharArray());
    }
    if (qrs.has("headerAuth")) {
      ConfigNode header = qrs.child("headerAuth");
      header.requireOnly(List.of("name", "value"));
      return QrsAuthentication.header(header.requiredText("name"), header.requiredText("value"));
    }
    Optional<String> jwt = qrs.secret("jwt");
    if (jwt.isPresent()) {
      return QrsAuthentication.jwt(jwt.get());
    }
    throw new TaskwireException(
        "No QRS authentication configured: give qrs.clientCert and qrs.clientKey, qrs.pfx,"
            + " qrs.headerAuth or qrs.jwt");
  }
}
