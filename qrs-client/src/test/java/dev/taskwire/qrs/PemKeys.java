package dev.taskwire.qrs;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * RSA keys made with the plain JDK and written as PEM in the three forms the QMC export may hold:
 * PKCS#1, PKCS#8 and encrypted PKCS#8. They belong to no certificate, which is what tests of a
 * mismatched key need.
 */
final class PemKeys {

  private static final String PBES2 = "PBEWithHmacSHA256AndAES_256";
  // 1.2.840.113549.1.5.13, id-PBES2
  private static final byte[] PBES2_OID = {
    0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x05, 0x0D
  };

  private final byte[] pkcs8;

  private PemKeys(byte[] pkcs8) {
    this.pkcs8 = pkcs8;
  }

  /** A fresh 2048-bit RSA key. */
  static PemKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new PemKeys(generator.generateKeyPair().getPrivate().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code BEGIN PRIVATE KEY}. */
  Path writePkcs8(Path file) {
    return write(file, "PRIVATE KEY", pkcs8);
  }

  /** Writes {@code BEGIN RSA PRIVATE KEY}: the RSAPrivateKey inside the PKCS#8 structure. */
  Path writePkcs1(Path file) {
    return write(file, "RSA PRIVATE KEY", innerKey(pkcs8));
  }

  /** Writes {@code BEGIN ENCRYPTED PRIVATE KEY}, PBES2 with AES-256 and HMAC-SHA256. */
  Path writeEncrypted(Path file, char[] passphrase) {
    try {
      SecureRandom random = new SecureRandom();
      byte[] salt = new byte[16];
      byte[] iv = new byte[16];
      random.nextBytes(salt);
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance(PBES2);
      cipher.init(
          Cipher.ENCRYPT_MODE,
          SecretKeyFactory.getInstance(PBES2).generateSecret(new PBEKeySpec(passphrase)),
          new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv)));
      byte[] encrypted = cipher.doFinal(pkcs8);
      // EncryptedPrivateKeyInfo: SEQUENCE { SEQUENCE { OID PBES2, PBES2-params }, OCTET STRING }.
      byte[] algorithm = tlv(0x30, concat(PBES2_OID, cipher.getParameters().getEncoded()));
      byte[] info = tlv(0x30, concat(algorithm, tlv(0x04, encrypted)));
      return write(file, "ENCRYPTED PRIVATE KEY", info);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    try {
      return Files.writeString(file, pem, US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] tlv(int tag, byte[] content) {
    int n = content.length;
    byte[] head =
        n < 0x80
            ? new byte[] {(byte) tag, (byte) n}
            : n < 0x100
                ? new byte[] {(byte) tag, (byte) 0x81, (byte) n}
                : new byte[] {(byte) tag, (byte) 0x82, (byte) (n >> 8), (byte) n};
    return concat(head, content);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  // PKCS#8: SEQUENCE { INTEGER version, SEQUENCE algorithm, OCTET STRING key }.
  private static byte[] innerKey(byte[] der) {
    int[] at = {0};
    length(der, at, 0x30);
    int version = length(der, at, 0x02);
    at[0] += version;
    int algorithm = length(der, at, 0x30);
    at[0] += algorithm;
    int size = length(der, at, 0x04);
    return Arrays.copyOfRange(der, at[0], at[0] + size);
  }

  private static int length(byte[] der, int[] at, int tag) {
    if ((der[at[0]++] & 0xFF) != tag) {
      throw new IllegalArgumentException("Unexpected DER tag in a PKCS#8 key");
    }
    int first = der[at[0]++] & 0xFF;
    if (first < 0x80) {
      return first;
    }
    int size = 0;
    for (int i = 0; i < (first & 0x7F); i++) {
      size = (size << 8) | (der[at[0]++] & 0xFF);
    }
    return size;
  }
}
