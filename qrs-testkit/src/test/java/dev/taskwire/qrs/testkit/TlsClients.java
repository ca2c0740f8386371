package dev.taskwire.qrs.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/** Builds JDK HTTP clients from the emulator's certificate files, as a QRS client would. */
final class TlsClients {

  private static final char[] STORE_PASSWORD = "test".toCharArray();

  private TlsClients() {}

  /** A client presenting the emulator's client certificate and trusting its root CA. */
  static HttpClient trusted(EmulatorCertificates files) {
    return client(context(files.rootCa(), files), null);
  }

  /** A client trusting the emulator's root CA but presenting no client certificate. */
  static HttpClient withoutClientCertificate(EmulatorCertificates files) {
    return client(context(files.rootCa(), null), null);
  }

  /** A client trusting {@code trust}'s root CA and presenting {@code identity}'s certificate. */
  static HttpClient presenting(EmulatorCertificates trust, EmulatorCertificates identity) {
    return client(context(trust.rootCa(), identity), null);
  }

  /** A trusted client limited to one TLS protocol version, such as {@code TLSv1.2}. */
  static HttpClient trustedWithProtocol(EmulatorCertificates files, String protocol) {
    return client(context(files.rootCa(), files), protocol);
  }

  static HttpClient client(SSLContext context, @Nullable String protocol) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .sslContext(context)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1);
    if (protocol != null) {
      SSLParameters parameters = context.getDefaultSSLParameters();
      parameters.setProtocols(new String[] {protocol});
      builder.sslParameters(parameters);
    }
    return builder.build();
  }

  static SSLContext context(Path rootPem, @Nullable EmulatorCertificates identity) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("root", certificate(rootPem));
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);

      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      if (identity != null) {
        keys.setKeyEntry(
            "client",
            pkcs1Key(identity.clientKey()),
            STORE_PASSWORD,
            new Certificate[] {certificate(identity.clientCert())});
      }
      keyManagers.init(keys, STORE_PASSWORD);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build a test TLS context", e);
    }
  }

  static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** Reads a PKCS#1 key ({@code BEGIN RSA PRIVATE KEY}) with BouncyCastle's PEM reader. */
  static PrivateKey pkcs1Key(Path pem) throws IOException {
    try (Reader reader = Files.newBufferedReader(pem);
        PEMParser parser = new PEMParser(reader)) {
      Object parsed = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      return converter.getPrivateKey((PrivateKeyInfo) parsed);
    }
  }

  /** Reads an unencrypted PKCS#8 key with the plain JDK. */
  static PrivateKey pkcs8Key(Path pem) throws IOException, GeneralSecurityException {
    byte[] der = pemBody(pem, "PRIVATE KEY");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** Reads an encrypted PKCS#8 key with the plain JDK. */
  static PrivateKey encryptedPkcs8Key(Path pem, String passphrase)
      throws IOException, GeneralSecurityException {
    EncryptedPrivateKeyInfo info =
        new EncryptedPrivateKeyInfo(pemBody(pem, "ENCRYPTED PRIVATE KEY"));
    String algorithm = info.getAlgParameters().toString();
    SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
    Cipher cipher = Cipher.getInstance(algorithm);
    cipher.init(
        Cipher.DECRYPT_MODE,
        factory.generateSecret(new PBEKeySpec(passphrase.toCharArray())),
        info.getAlgParameters());
    PKCS8EncodedKeySpec spec = info.getKeySpec(cipher);
    return KeyFactory.getInstance("RSA").generatePrivate(spec);
  }

  static byte[] pemBody(Path pem, String type) throws IOException {
    String text = Files.readString(pem);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < 0) {
      throw new IOException(pem + " holds no " + type);
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }
}
