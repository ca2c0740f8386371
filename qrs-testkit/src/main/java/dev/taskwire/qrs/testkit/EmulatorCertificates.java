package dev.taskwire.qrs.testkit;

import dev.taskwire.qrs.testkit.internal.CertificateFiles;
import dev.taskwire.qrs.testkit.internal.CertificateGenerator;
import dev.taskwire.qrs.testkit.internal.CertificateMaterial;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificate files of an emulator, named as the Qlik Management Console exports them.
 *
 * <p>The server certificate is issued to the emulator's host name (a DNS name only, no IP address)
 * by the root CA in {@code root.pem}; the client certificate is issued by the same root. The
 * passwords are test material, not secrets, but {@link #toString()} leaves them out all the same.
 *
 * <pre>{@code
 * EmulatorCertificates files = emulator.certificates();
 * Path trust = files.rootCa();
 * Path cert = files.clientCert();
 * Path key = files.clientKey(); // PKCS#1, "BEGIN RSA PRIVATE KEY"
 * }</pre>
 *
 * @param directory the folder holding the files
 * @param rootCa {@code root.pem}, the root CA certificate in PEM
 * @param rootCaDer {@code root.cer}, the same root CA certificate in DER, as a Windows export
 * @param clientCert {@code client.pem}, the client certificate in PEM
 * @param clientKey {@code client_key.pem}, the client key in PKCS#1 PEM ({@code BEGIN RSA PRIVATE
 *     KEY})
 * @param clientKeyPkcs8 {@code client_key_pkcs8.pem}, the client key in unencrypted PKCS#8 PEM
 * @param clientKeyEncrypted {@code client_key_encrypted.pem}, the client key in encrypted PKCS#8
 *     PEM (PBES2 with AES-256-CBC and HMAC-SHA256, readable by the plain JDK)
 * @param keyPassphrase the passphrase of {@code clientKeyEncrypted}
 * @param clientPfx {@code client.pfx}, a PKCS#12 file holding the client key and certificate chain
 * @param pfxPassword the password of {@code clientPfx}
 * @param serverCert {@code server.pem}, the server certificate in PEM
 * @param serverKey {@code server_key.pem}, the server key in PKCS#1 PEM
 */
public record EmulatorCertificates(
    Path directory,
    Path rootCa,
    Path rootCaDer,
    Path clientCert,
    Path clientKey,
    Path clientKeyPkcs8,
    Path clientKeyEncrypted,
    String keyPassphrase,
    Path clientPfx,
    String pfxPassword,
    Path serverCert,
    Path serverKey) {

  public EmulatorCertificates {
    Objects.requireNonNull(directory, "directory == null");
    Objects.requireNonNull(rootCa, "rootCa == null");
    Objects.requireNonNull(rootCaDer, "rootCaDer == null");
    Objects.requireNonNull(clientCert, "clientCert == null");
    Objects.requireNonNull(clientKey, "clientKey == null");
    Objects.requireNonNull(clientKeyPkcs8, "clientKeyPkcs8 == null");
    Objects.requireNonNull(clientKeyEncrypted, "clientKeyEncrypted == null");
    Objects.requireNonNull(keyPassphrase, "keyPassphrase == null");
    Objects.requireNonNull(clientPfx, "clientPfx == null");
    Objects.requireNonNull(pfxPassword, "pfxPassword == null");
    Objects.requireNonNull(serverCert, "serverCert == null");
    Objects.requireNonNull(serverKey, "serverKey == null");
  }

  /**
   * Writes a second, unrelated set of certificates into {@code directory}: its own root CA, a
   * client certificate and a server certificate for {@code localhost}. An emulator refuses this
   * client certificate, and a client trusting only this root refuses the emulator.
   *
   * @throws java.io.UncheckedIOException if the files cannot be written
   */
  public static EmulatorCertificates generateUntrusted(Path directory) {
    Objects.requireNonNull(directory, "directory == null");
    return write(CertificateGenerator.untrusted(), directory);
  }

  static EmulatorCertificates write(CertificateMaterial material, Path directory) {
    Path dir = directory.toAbsolutePath();
    CertificateFiles.write(material, dir);
    return new EmulatorCertificates(
        dir,
        dir.resolve(CertificateFiles.ROOT_PEM),
        dir.resolve(CertificateFiles.ROOT_DER),
        dir.resolve(CertificateFiles.CLIENT_PEM),
        dir.resolve(CertificateFiles.CLIENT_KEY),
        dir.resolve(CertificateFiles.CLIENT_KEY_PKCS8),
        dir.resolve(CertificateFiles.CLIENT_KEY_ENCRYPTED),
        material.keyPassphrase(),
        dir.resolve(CertificateFiles.CLIENT_PFX),
        material.pfxPassword(),
        dir.resolve(CertificateFiles.SERVER_PEM),
        dir.resolve(CertificateFiles.SERVER_KEY));
  }

  @Override
  public String toString() {
    return "EmulatorCertificates[" + directory + "]";
  }
}
