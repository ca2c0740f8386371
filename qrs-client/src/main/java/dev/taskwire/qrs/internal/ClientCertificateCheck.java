package dev.taskwire.qrs.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Tells whether the client certificate was issued by the configured root CA. QRS issues both from
 * one site CA, so a client certificate from elsewhere will be refused; with TLS 1.3 that refusal
 * reaches the client only as a connection closed after the request was sent, which cannot be told
 * apart from a network failure. Checking at configuration time says it plainly instead.
 */
final class ClientCertificateCheck {

  private ClientCertificateCheck() {}

  /** Whether some chain in {@code keys} ends in a certificate issued by one of {@code roots}. */
  static boolean issuedBy(KeyManager[] keys, X509Certificate[] roots) {
    boolean sawChain = false;
    for (KeyManager manager : keys) {
      if (!(manager instanceof X509KeyManager x509)) {
        continue;
      }
      for (String keyType : List.of("RSA", "EC")) {
        String[] aliases = x509.getClientAliases(keyType, null);
        for (String alias : aliases == null ? new String[0] : aliases) {
          X509Certificate[] chain = x509.getCertificateChain(alias);
          if (chain == null || chain.length == 0) {
            continue;
          }
          sawChain = true;
          if (signedByAny(chain[chain.length - 1], roots)) {
            return true;
          }
        }
      }
    }
    // Without a chain to look at there is nothing to warn about.
    return !sawChain;
  }

  private static boolean signedByAny(X509Certificate certificate, X509Certificate[] roots) {
    for (X509Certificate root : roots) {
      if (certificate.equals(root)) {
        return true;
      }
      try {
        certificate.verify(root.getPublicKey());
        return true;
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // Not issued by this root; try the next.
      }
    }
    return false;
  }
}
