package dev.taskwire.qrs;

import dev.taskwire.qrs.internal.ConfigChecks;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How taskwire proves who it is to QRS: a client certificate (direct access, port 4242), or a
 * header or JWT through a virtual proxy (port 443). Passphrases, passwords and tokens are kept out
 * of {@link #toString()}; arrays given in are copied, and accessors hand out copies.
 *
 * <pre>{@code
 * QrsAuthentication.pem(Path.of("client.pem"), Path.of("client_key.pem"));
 * QrsAuthentication.encryptedPem(Path.of("client.pem"), Path.of("client_key.pem"), passphrase);
 * QrsAuthentication.pkcs12(Path.of("client.pfx"), password);
 * QrsAuthentication.header("hdr-usr", "CORP\\svc_taskwire");
 * QrsAuthentication.jwt(token);
 * }</pre>
 *
 * <p>A sealed interface: not for users to implement.
 */
public sealed interface QrsAuthentication {

  /**
   * A client certificate and an unencrypted key in PEM, as the Qlik Management Console exports them
   * ({@code client.pem}, {@code client_key.pem}); the key may be PKCS#1 or PKCS#8.
   */
  static QrsAuthentication pem(Path clientCert, Path clientKey) {
    return new PemCertificate(clientCert, clientKey, null);
  }

  /**
   * A client certificate and key in PEM; the key may be PKCS#1, PKCS#8 or encrypted PKCS#8.
   *
   * @param keyPassphrase the passphrase of an encrypted key, or null for an unencrypted one
   */
  static QrsAuthentication pem(Path clientCert, Path clientKey, char @Nullable [] keyPassphrase) {
    return new PemCertificate(clientCert, clientKey, keyPassphrase);
  }

  /**
   * A client certificate and an encrypted PKCS#8 key in PEM, with the key's passphrase as a string.
   * (A separate name, so that {@code pem(cert, key, null)} stays unambiguous.)
   */
  static QrsAuthentication encryptedPem(Path clientCert, Path clientKey, String keyPassphrase) {
    Objects.requireNonNull(keyPassphrase, "keyPassphrase == null");
    return new PemCertificate(clientCert, clientKey, keyPassphrase.toCharArray());
  }

  /** A client certificate and key in a PKCS#12 file ({@code client.pfx}) with its password. */
  static QrsAuthentication pkcs12(Path pfx, char[] password) {
    return new Pkcs12Certificate(pfx, password);
  }

  /** A client certificate and key in a PKCS#12 file ({@code client.pfx}) with its password. */
  static QrsAuthentication pkcs12(Path pfx, String password) {
    Objects.requireNonNull(password, "password == null");
    return new Pkcs12Certificate(pfx, password.toCharArray());
  }

  /**
   * Header authentication through a virtual proxy, such as {@code hdr-usr: CORP\svc_taskwire}.
   *
   * @throws IllegalArgumentException if the name is not a header name, is one taskwire sets itself,
   *     or the value is blank or spans lines (qrs.headerAuth)
   */
  static QrsAuthentication header(String name, String value) {
    return new Header(name, value);
  }

  /**
   * JWT authentication through a virtual proxy: {@code Authorization: Bearer <token>}.
   *
   * @throws IllegalArgumentException if the token is blank or holds white space (qrs.jwt)
   */
  static QrsAuthentication jwt(String token) {
    return new Jwt(token);
  }

  /**
   * A PEM client certificate.
   *
   * @param clientCert the certificate file (qrs.clientCert)
   * @param clientKey the key file (qrs.clientKey)
   * @param keyPassphrase the key's passphrase, or null for an unencrypted key
   *     (qrs.clientKeyPassphrase)
   */
  record PemCertificate(Path clientCert, Path clientKey, char @Nullable [] keyPassphrase)
      implements QrsAuthentication {
    public PemCertificate {
      Objects.requireNonNull(clientCert, "clientCert == null");
      Objects.requireNonNull(clientKey, "clientKey == null");
      keyPassphrase = keyPassphrase == null ? null : keyPassphrase.clone();
    }

    /** A copy of the passphrase, or null. */
    @Override
    public char @Nullable [] keyPassphrase() {
      return keyPassphrase == null ? null : keyPassphrase.clone();
    }

    @Override
    public String toString() {
      return "PemCertificate["
          + clientCert
          + ", "
          + clientKey
          + (keyPassphrase == null ? "" : ", passphrase=***")
          + "]";
    }
  }

  /**
   * A PKCS#12 client certificate.
   *
   * @param pfx the file (qrs.pfx)
   * @param password its password (qrs.pfxPassword)
   */
  record Pkcs12Certificate(Path pfx, char[] password) implements QrsAuthentication {
    public Pkcs12Certificate {
      Objects.requireNonNull(pfx, "pfx == null");
      password = Objects.requireNonNull(password, "password == null").clone();
    }

    /** A copy of the password. */
    @Override
    public char[] password() {
      return password.clone();
    }

    @Override
    public String toString() {
      return "Pkcs12Certificate[" + pfx + ", password=***]";
    }
  }

  /**
   * Header authentication. The value names a user, not a secret, and shows in messages.
   *
   * @param name the header the virtual proxy reads
   * @param value the user, such as {@code CORP\svc_taskwire}
   */
  record Header(String name, String value) implements QrsAuthentication {
    public Header {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      ConfigChecks.headerAuth(name, value);
    }
  }

  /**
   * JWT authentication.
   *
   * @param token the signed token (qrs.jwt)
   */
  record Jwt(String token) implements QrsAuthentication {
    public Jwt {
      Objects.requireNonNull(token, "token == null");
      ConfigChecks.jwt(token);
    }

    @Override
    public String toString() {
      return "Jwt[***]";
    }
  }
}
