package dev.taskwire.qrs.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * Writes certificate material to files named as the Qlik Management Console exports them.
 *
 * <p>Written: {@code root.pem}, {@code root.cer} (DER), {@code client.pem}, {@code client_key.pem}
 * (PKCS#1), {@code client_key_pkcs8.pem}, {@code client_key_encrypted.pem} (PBES2, AES-256-CBC,
 * HMAC-SHA256), {@code client.pfx} (PKCS#12), {@code server.pem} and {@code server_key.pem}.
 */
public final class CertificateFiles {

  public static final String ROOT_PEM = "root.pem";
  public static final String ROOT_DER = "root.cer";
  public static final String CLIENT_PEM = "client.pem";
  public static final String CLIENT_KEY = "client_key.pem";
  public static final String CLIENT_KEY_PKCS8 = "client_key_pkcs8.pem";
  public static final String CLIENT_KEY_ENCRYPTED = "client_key_encrypted.pem";
  public static final String CLIENT_PFX = "client.pfx";
  public static final String SERVER_PEM = "server.pem";
  public static final String SERVER_KEY = "server_key.pem";

  private static final int PBKDF2_ITERATIONS = 10_000;

  // Used directly, never registered: the JDK lacks the PKCS7Padding name that BouncyCastle asks
  // for, and a test kit must not change the JVM's provider list.
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private CertificateFiles() {}

  /**
   * Writes every file of {@code material} into {@code directory}, creating it if absent.
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(CertificateMaterial material, Path directory) {
    try {
      Files.createDirectories(directory);
      writeText(directory.resolve(ROOT_PEM), pem(material.rootCa()));
      Files.write(directory.resolve(ROOT_DER), material.rootCa().getEncoded());
      writeText(directory.resolve(CLIENT_PEM), pem(material.clientCert()));
      writeSecret(
          directory.resolve(CLIENT_KEY),
          pem(material.clientKey()).getBytes(StandardCharsets.UTF_8));
      writeSecret(
          directory.resolve(CLIENT_KEY_PKCS8),
          pem(new JcaPKCS8Generator(material.clientKey(), null)).getBytes(StandardCharsets.UTF_8));
      writeSecret(
          directory.resolve(CLIENT_KEY_ENCRYPTED),
          encryptedPkcs8(material).getBytes(StandardCharsets.UTF_8));
      writeSecret(directory.resolve(CLIENT_PFX), pkcs12(material));
      writeText(directory.resolve(SERVER_PEM), pem(material.serverCert()));
      writeSecret(
          directory.resolve(SERVER_KEY),
          pem(material.serverKey()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write emulator certificates to " + directory.toAbsolutePath(), e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot encode emulator certificates", e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static String encryptedPkcs8(CertificateMaterial material)
      throws IOException, OperatorCreationException {
    OutputEncryptor encryptor =
        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setPRF(PKCS8Generator.PRF_HMACSHA256)
            .setIterationCount(PBKDF2_ITERATIONS)
            .setPassword(material.keyPassphrase().toCharArray())
            .setProvider(BOUNCY_CASTLE)
            .build();
    return pem(new JcaPKCS8Generator(material.clientKey(), encryptor));
  }

  private static byte[] pkcs12(CertificateMaterial material)
      throws GeneralSecurityException, IOException {
    char[] password = material.pfxPassword().toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "client",
        material.clientKey(),
        password,
        new Certificate[] {material.clientCert(), material.rootCa()});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    store.store(bytes, password);
    return bytes.toByteArray();
  }

  private static void writeText(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void writeSecret(Path file, byte[] content) throws IOException {
    Files.write(file, content);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the file keeps the directory's default access.
    }
  }
}
