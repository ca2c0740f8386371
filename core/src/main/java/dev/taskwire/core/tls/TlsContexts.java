package dev.taskwire.core.tls;

import dev.taskwire.core.TaskwireException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/** Builds key and trust managers from certificate files, trusting only what is configured. */
public final class TlsContexts {

  private static final char[] IN_MEMORY_PASSWORD = "taskwire".toCharArray();

  private TlsContexts() {}

  /** Trust managers that trust exactly the certificates in {@code caFile} (PEM or DER). */
  public static TrustManagerFactory trustOnly(Path caFile, String setting) {
    List<X509Certificate> roots = PemReader.certificates(caFile, setting);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < roots.size(); i++) {
        store.setCertificateEntry("root-" + i, roots.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new TaskwireException(
          "Could not build a trust store from " + caFile + " (" + setting + ")", e);
    }
  }

  /**
   * Key managers presenting the certificate chain in {@code certFile} with the key in {@code
   * keyFile}; checks that the two belong together.
   */
  public static KeyManagerFactory pemClient(
      Path certFile,
      Path keyFile,
      char @Nullable [] passphrase,
      String certSetting,
      String keySetting) {
    List<X509Certificate> chain = PemReader.certificates(certFile, certSetting);
    PrivateKey key = PemReader.privateKey(keyFile, passphrase, keySetting);
    if (!KeyPairs.match(chain.get(0).getPublicKey(), key)) {
      throw new TaskwireException(
          "The key in "
              + keyFile.toAbsolutePath()
              + " ("
              + keySetting
              + ") does not belong to the certificate in "
              + certFile.toAbsolutePath()
              + " ("
              + certSetting
              + ")");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, IN_MEMORY_PASSWORD);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new TaskwireException(
          "Could not build a key store from " + certFile + " (" + certSetting + ")", e);
    }
  }

  /** Key managers presenting the key and chain of a PKCS#12 file ({@code client.pfx}). */
  public static KeyManagerFactory pkcs12Client(Path pfxFile, char[] password, String setting) {
    Path absolute = pfxFile.toAbsolutePath();
    if (!Files.isRegularFile(absolute)) {
      throw new TaskwireException("File " + absolute + " does not exist (" + setting + ")");
    }
    try (InputStream in = Files.newInputStream(absolute)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory;
    } catch (IOException e) {
      throw new TaskwireException(
          "File "
              + absolute
              + " could not be opened: wrong password or not a PKCS#12 file ("
              + setting
              + "Password)",
          e);
    } catch (GeneralSecurityException e) {
      throw new TaskwireException("File " + absolute + " could not be read (" + setting + ")", e);
    }
  }
}
