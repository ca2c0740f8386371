package dev.taskwire.core.tls;

import dev.taskwire.core.TaskwireException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Reads certificates and private keys from PEM or DER files. Errors name the file and the
 * configuration key it came from, never the key material or the passphrase.
 */
public final class PemReader {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

  private PemReader() {}

  /**
   * Reads every certificate in a PEM file, or the one certificate of a DER file ({@code root.cer}).
   *
   * @param file the file
   * @param setting the configuration key that named it, for messages
   * @throws TaskwireException naming the file and the setting when it holds no certificate
   */
  public static List<X509Certificate> certificates(Path file, String setting) {
    byte[] content = read(file, setting);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (var certificate : factory.generateCertificates(new ByteArrayInputStream(content))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new TaskwireException("No certificate found in " + file + " (" + setting + ")");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new TaskwireException(
          "File "
              + file
              + " holds no readable certificate: "
              + e.getMessage()
              + " ("
              + setting
              + ")",
          e);
    }
  }

  /**
   * Reads the private key in a PEM file: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), PKCS#8 ({@code
   * BEGIN PRIVATE KEY}) or encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}, which needs the
   * passphrase); RSA or EC.
   *
   * @throws TaskwireException naming the file and the setting when no key can be read, the
   *     passphrase is missing or wrong, or the key is in the legacy encrypted PKCS#1 form
   */
  public static PrivateKey privateKey(Path file, char @Nullable [] passphrase, String setting) {
    String text = new String(read(file, setting), StandardCharsets.US_ASCII);
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      String type = block.group(1);
      String body = block.group(2);
      if (!type.endsWith("PRIVATE KEY")) {
        continue;
      }
      if (body.contains("Proc-Type:")) {
        throw new TaskwireException(
            "Key file "
                + file
                + " is encrypted in the legacy PKCS#1 form, which Java cannot read; convert it with"
                + " 'openssl pkcs8 -topk8 -in old.pem -out new.pem' ("
                + setting
                + ")");
      }
      byte[] der = Base64.getMimeDecoder().decode(body);
      return switch (type) {
        case "RSA PRIVATE KEY" -> decode("RSA", Pkcs1.toPkcs8(der), file, setting);
        case "EC PRIVATE KEY" ->
            throw new TaskwireException(
                "Key file "
                    + file
                    + " holds a SEC1 EC key; convert it to PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt' ("
                    + setting
                    + ")");
        case "ENCRYPTED PRIVATE KEY" -> decrypt(der, passphrase, file, setting);
        default -> decodeAny(der, file, setting);
      };
    }
    throw new TaskwireException("No private key found in " + file + " (" + setting + ")");
  }

  private static PrivateKey decrypt(
      byte[] der, char @Nullable [] passphrase, Path file, String setting) {
    if (passphrase == null) {
      throw new TaskwireException(
          "Key file "
              + file
              + " is encrypted and no passphrase is configured ("
              + setting
              + "Passphrase)");
    }
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
      String algorithm = info.getAlgParameters().toString();
      SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
      Cipher cipher = Cipher.getInstance(algorithm);
      cipher.init(
          Cipher.DECRYPT_MODE,
          factory.generateSecret(new PBEKeySpec(passphrase)),
          info.getAlgParameters());
      return decodeAny(info.getKeySpec(cipher).getEncoded(), file, setting);
    } catch (IOException | GeneralSecurityException e) {
      throw new TaskwireException(
          "Key file "
              + file
              + " could not be decrypted: wrong passphrase or unsupported encryption ("
              + setting
              + "Passphrase)",
          e);
    }
  }

  private static PrivateKey decodeAny(byte[] pkcs8, Path file, String setting) {
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (InvalidKeySpecException e) {
        // Not this algorithm; try the next.
      } catch (GeneralSecurityException e) {
        throw new TaskwireException("Key file " + file + " could not be read (" + setting + ")", e);
      }
    }
    throw new TaskwireException(
        "Key file " + file + " holds neither an RSA nor an EC key (" + setting + ")");
  }

  private static PrivateKey decode(String algorithm, byte[] pkcs8, Path file, String setting) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new TaskwireException(
          "Key file " + file + " holds no readable " + algorithm + " key (" + setting + ")", e);
    }
  }

  private static byte[] read(Path file, String setting) {
    Path absolute = file.toAbsolutePath();
    if (!Files.isRegularFile(absolute)) {
      throw new TaskwireException("File " + absolute + " does not exist (" + setting + ")");
    }
    try {
      return Files.readAllBytes(absolute);
    } catch (IOException e) {
      throw new TaskwireException(
          "File " + absolute + " could not be read: " + e.getMessage() + " (" + setting + ")", e);
    }
  }
}
