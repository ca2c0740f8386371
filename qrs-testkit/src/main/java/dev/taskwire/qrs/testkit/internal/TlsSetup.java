package dev.taskwire.qrs.testkit.internal;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** The TLS side of the emulator's listeners: TLS 1.2 and 1.3, with the emulator's certificates. */
public final class TlsSetup {

  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private TlsSetup() {}

  /**
   * Returns a server context presenting the server certificate and trusting client certificates
   * issued by the material's root CA only.
   */
  public static SSLContext serverContext(CertificateMaterial material) {
    try {
      char[] password = "in-memory".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server",
          material.serverKey(),
          password,
          new Certificate[] {material.serverCert(), material.rootCa()});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);

      KeyStore roots = KeyStore.getInstance("PKCS12");
      roots.load(null, null);
      roots.setCertificateEntry("root", material.rootCa());
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(roots);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot set up TLS for " + material.hostname(), e);
    }
  }

  /**
   * Returns a configurator for one listener: requiring a client certificate or not, and holding
   * back each new connection's handshake by the fault state's delay.
   */
  public static HttpsConfigurator configurator(
      SSLContext context, boolean needClientAuth, FaultState faults) {
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        // Called once per new connection, on a worker thread, before the server answers the
        // client's hello: waiting here makes the handshake slow, and only the handshake.
        Duration delay = faults.handshakeDelay();
        if (!delay.isZero()) {
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(needClientAuth);
        params.setSSLParameters(parameters);
      }
    };
  }
}
