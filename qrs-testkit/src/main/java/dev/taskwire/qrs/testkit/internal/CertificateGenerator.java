package dev.taskwire.qrs.testkit.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Generates the certificates of an emulator, once per host name and JVM.
 *
 * <p>RSA key generation dominates the cost, so each host name's material is generated on first use
 * and kept in memory; every emulator still writes its own copy of the files.
 */
public final class CertificateGenerator {

  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Map<String, CertificateMaterial> CACHE = new HashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private static @Nullable KeyPairGenerator keyPairGenerator;
  private static @Nullable CertificateMaterial untrusted;

  private CertificateGenerator() {}

  /** Returns the material whose server certificate is issued to {@code hostname}. */
  public static synchronized CertificateMaterial forHost(String hostname) {
    return CACHE.computeIfAbsent(hostname, h -> generate(h, h + "-CA", "QlikClient"));
  }

  /**
   * Returns material with a root CA unrelated to any {@link #forHost} material, for proving that a
   * foreign client certificate is refused.
   */
  public static synchronized CertificateMaterial untrusted() {
    if (untrusted == null) {
      untrusted = generate("localhost", "Untrusted-CA", "UntrustedClient");
    }
    return untrusted;
  }

  private static CertificateMaterial generate(String hostname, String caName, String clientName) {
    try {
      KeyPair rootKeys = newKeyPair();
      KeyPair serverKeys = newKeyPair();
      KeyPair clientKeys = newKeyPair();
      X500Name rootName = new X500Name("CN=" + caName);

      X509Certificate root = rootCertificate(rootName, rootKeys);
      X509Certificate server =
          issue(rootName, rootKeys, new X500Name("CN=" + hostname), serverKeys, hostname);
      X509Certificate client =
          issue(rootName, rootKeys, new X500Name("CN=" + clientName), clientKeys, null);
      return new CertificateMaterial(
          hostname,
          root,
          server,
          serverKeys.getPrivate(),
          client,
          clientKeys.getPrivate(),
          randomSecret(),
          randomSecret());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("Cannot generate emulator certificates for " + hostname, e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    if (keyPairGenerator == null) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      keyPairGenerator = generator;
    }
    return keyPairGenerator.generateKeyPair();
  }

  private static X509Certificate rootCertificate(X500Name name, KeyPair keys)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name, serial(), notBefore(), notAfter(), name, keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        extensions.createSubjectKeyIdentifier(keys.getPublic()));
    return sign(builder, keys.getPrivate());
  }

  private static X509Certificate issue(
      X500Name issuer,
      KeyPair issuerKeys,
      X500Name subject,
      KeyPair subjectKeys,
      @Nullable String serverHostname)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer, serial(), notBefore(), notAfter(), subject, subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
    if (serverHostname != null) {
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      // A DNS name only, no IP address: connecting by 127.0.0.1 fails hostname verification.
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, serverHostname)));
    } else {
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }
    return sign(builder, issuerKeys.getPrivate());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
  }

  private static BigInteger serial() {
    return new BigInteger(63, RANDOM).add(BigInteger.ONE);
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofDays(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(VALIDITY));
  }

  static String randomSecret() {
    char[] chars = new char[20];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }
}
