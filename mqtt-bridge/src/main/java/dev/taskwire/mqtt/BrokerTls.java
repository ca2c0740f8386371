package dev.taskwire.mqtt;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * TLS to the broker: which CA to trust, an optional client certificate (mutual TLS), and whether to
 * verify the broker's host name (on unless turned off by name). Files are read when the trigger is
 * built, so a wrong path or passphrase fails at once.
 *
 * <pre>{@code
 * BrokerTls tls = BrokerTls.trusting(Path.of("/etc/taskwire/broker-ca.pem"))
 *     .withClientCertificate(Path.of("client.pem"), Path.of("client_key.pem"), null);
 * }</pre>
 */
public final class BrokerTls {

  private final @Nullable Path caFile;
  private final @Nullable Path clientCert;
  private final @Nullable Path clientKey;
  private final char @Nullable [] keyPassphrase;
  private final boolean hostnameVerification;

  private BrokerTls(
      @Nullable Path caFile,
      @Nullable Path clientCert,
      @Nullable Path clientKey,
      char @Nullable [] keyPassphrase,
      boolean hostnameVerification) {
    this.caFile = caFile;
    this.clientCert = clientCert;
    this.clientKey = clientKey;
    this.keyPassphrase = keyPassphrase;
    this.hostnameVerification = hostnameVerification;
  }

  /** TLS trusting only the CA certificates in {@code caFile} (PEM or DER). */
  public static BrokerTls trusting(Path caFile) {
    return new BrokerTls(Objects.requireNonNull(caFile, "caFile == null"), null, null, null, true);
  }

  /** TLS trusting the Java runtime's default CAs, for brokers with a public certificate. */
  public static BrokerTls trustingSystemCas() {
    return new BrokerTls(null, null, null, null, true);
  }

  /** Presents a client certificate; the key may be PKCS#1 or PKCS#8, encrypted or not. */
  public BrokerTls withClientCertificate(Path cert, Path key, char @Nullable [] passphrase) {
    return new BrokerTls(
        caFile,
        Objects.requireNonNull(cert, "cert == null"),
        Objects.requireNonNull(key, "key == null"),
        passphrase == null ? null : passphrase.clone(),
        hostnameVerification);
  }

  /**
   * Accepts a broker certificate issued to another host name. Logged at WARN on start: it lets
   * anyone holding a certificate from the same CA stand in for the broker.
   */
  public BrokerTls withoutHostnameVerification() {
    return new BrokerTls(caFile, clientCert, clientKey, keyPassphrase, false);
  }

  @Nullable Path caFile() {
    return caFile;
  }

  @Nullable Path clientCert() {
    return clientCert;
  }

  @Nullable Path clientKey() {
    return clientKey;
  }

  char @Nullable [] keyPassphrase() {
    return keyPassphrase == null ? null : keyPassphrase.clone();
  }

  boolean hostnameVerification() {
    return hostnameVerification;
  }

  @Override
  public String toString() {
    return "BrokerTls[ca="
        + (caFile == null ? "system" : caFile)
        + ", clientCert="
        + clientCert
        + ", hostnameVerification="
        + hostnameVerification
        + "]";
  }
}
