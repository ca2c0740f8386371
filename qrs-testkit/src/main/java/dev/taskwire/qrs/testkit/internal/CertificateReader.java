package dev.taskwire.qrs.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads back the certificate material an emulator wrote into a folder, so that a restarted emulator
 * keeps its root CA and the clients configured with its files go on working.
 */
public final class CertificateReader {

  private static final int DNS_NAME = 2;

  private CertificateReader() {}

  /**
   * The material in {@code directory} if it is a whole set for {@code hostname}: root, server and
   * client certificates and keys, the server certificate issued to the host name and both
   * certificates signed by the root. The passwords of the encrypted key and the PKCS#12 file are
   * not stored, so new ones are drawn; writing the material again renews only those two files.
   */
  public static Optional<CertificateMaterial> read(Path directory, String hostname) {
    try {
      Path rootFile = directory.resolve(CertificateFiles.ROOT_PEM);
      List<Path> needed =
          List.of(
              rootFile,
              directory.resolve(CertificateFiles.SERVER_PEM),
              directory.resolve(CertificateFiles.SERVER_KEY),
              directory.resolve(CertificateFiles.CLIENT_PEM),
              directory.resolve(CertificateFiles.CLIENT_KEY));
      if (!needed.stream().allMatch(Files::isRegularFile)) {
        return Optional.empty();
      }
      X509Certificate root = certificate(rootFile);
      X509Certificate server = certificate(directory.resolve(CertificateFiles.SERVER_PEM));
      X509Certificate client = certificate(directory.resolve(CertificateFiles.CLIENT_PEM));
      server.verify(root.getPublicKey());
      client.verify(root.getPublicKey());
      if (!issuedTo(server, hostname)) {
        return Optional.empty();
      }
      return Optional.of(
          new CertificateMaterial(
              hostname,
              root,
              server,
              key(directory.resolve(CertificateFiles.SERVER_KEY)),
              client,
              key(directory.resolve(CertificateFiles.CLIENT_KEY)),
              CertificateGenerator.randomSecret(),
              CertificateGenerator.randomSecret()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // Anything unreadable or not of one piece: the caller makes a new set.
      return Optional.empty();
    }
  }

  private static X509Certificate certificate(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey key(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(in)) {
      Object parsed = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      if (parsed instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException("No private key in " + file);
    }
  }

  private static boolean issuedTo(X509Certificate server, String hostname)
      throws GeneralSecurityException {
    var names = server.getSubjectAlternativeNames();
    if (names == null) {
      return false;
    }
    for (List<?> name : names) {
      if (((Integer) name.get(0)) == DNS_NAME && hostname.equalsIgnoreCase((String) name.get(1))) {
        return true;
      }
    }
    return false;
  }
}
