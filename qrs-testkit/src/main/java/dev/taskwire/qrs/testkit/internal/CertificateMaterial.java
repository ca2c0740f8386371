package dev.taskwire.qrs.testkit.internal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The keys and certificates of one emulator identity, in memory: a root CA, a server certificate
 * for one host name and a client certificate, both issued by the root.
 *
 * @param hostname the DNS name the server certificate is issued to
 * @param rootCa the self-signed root certificate
 * @param serverCert the server certificate, issued by the root
 * @param serverKey the server certificate's private key
 * @param clientCert the client certificate, issued by the root
 * @param clientKey the client certificate's private key
 * @param keyPassphrase the passphrase of the encrypted copy of the client key
 * @param pfxPassword the password of the PKCS#12 file
 */
public record CertificateMaterial(
    String hostname,
    X509Certificate rootCa,
    X509Certificate serverCert,
    PrivateKey serverKey,
    X509Certificate clientCert,
    PrivateKey clientKey,
    String keyPassphrase,
    String pfxPassword) {

  @Override
  public String toString() {
    return "CertificateMaterial[" + hostname + ", root " + rootCa.getSubjectX500Principal() + "]";
  }
}
