package dev.taskwire.qrs;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How taskwire proves who it is to QRS: a client certificate (direct access on port 4242), or a
 * header or JWT through a virtual proxy. Secrets are kept out of {@link #toString()}.
 */
public sealed interface QrsAuthentication {

  /**
   * A client certificate and key in PEM, as the Qlik Management Console exports them ({@code
   * client.pem}, {@code client_key.pem}); the key may be PKCS#1 or PKCS#8, encrypted or not.
   */
  static QrsAuthentication pem(Path clientCert, Path clientKey, char @Nullable [] keyPassphrase) {
    return new PemCertificate(
        clientCert, clientKey, keyPassphrase == null ? null : keyPassphrase.clone());
  }

  /** A client certificate and key in a PKCS#12 file ({@code client.pfx}) with its password. */
  static QrsAuthentication pkcs12(Path pfx, char[] password) {
    return new Pkcs12Certificate(pfx, password.clone());
  }

  /** Header authentication through a virtual proxy, such as {@code hdr-usr: DOMAIN\\user}. */
  static QrsAuthentication header(String name, String value) {
    return new Header(name, value);
  }

  /** JWT authentication through a virtual proxy: {@code Authorization: Bearer <token>}. */
  static QrsAuthentication jwt(String token) {
    return new Jwt(token);
  }

  /**
   * A PEM client certificate.
   *
   * @param clientCert the certificate file
   * @param clientKey the key file
   * @param keyPassphrase the key's passphrase, or null for an unencrypted key
   */
  record PemCertificate(Path clientCert, Path clientKey, char @Nullable [] keyPassphrase)
      implements QrsAuthentication {
    public PemCertificate {
      Objects.requireNonNull(clientCert, "clientCert == null");
      Objects.requireNonNull(clientKey, "clientKey == null");
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
   * @param pfx the file
   * @param password its password
   */
  record Pkcs12Certificate(Path pfx, char[] password) implements QrsAuthentication {
    public Pkcs12Certificate {
      Objects.requireNonNull(pfx, "pfx == null");
      Objects.requireNonNull(password, "password == null");
    }

    @Override
    public String toString() {
      return "Pkcs12Certificate[" + pfx + ", password=***]";
    }
  }

  /**
   * Header authentication.
   *
   * @param name the header the virtual proxy reads
   * @param value the user, such as {@code DOMAIN\\user}
   */
  record Header(String name, String value) implements QrsAuthentication {
    public Header {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
    }
  }

  /**
   * JWT authentication.
   *
   * @param token the signed token
   */
  record Jwt(String token) implements QrsAuthentication {
    public Jwt {
      Objects.requireNonNull(token, "token == null");
    }

    @Override
    public String toString() {
      return "Jwt[***]";
    }
  }
}
