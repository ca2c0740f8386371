package dev.taskwire.qrs.internal;

import dev.taskwire.core.TaskwireException;
import dev.taskwire.core.tls.TlsContexts;
import dev.taskwire.qrs.QrsAuthentication;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the TLS context for QRS from the configured files, once. */
public final class TlsSetup {

  private static final Logger log = LoggerFactory.getLogger(TlsSetup.class);

  private TlsSetup() {}

  /**
   * Builds the context: the client's key material (none for header and JWT authentication) and
   * trust in exactly the root CA, or in any server when {@code trustAny} is set. Every file is
   * checked and read here, once.
   */
  public static Context sslContext(
      QrsAuthentication authentication,
      @Nullable Path rootCa,
      boolean hostnameVerification,
      boolean trustAny) {
    KeyManager[] keys = keyManagers(authentication);
    TrustManager[] trust;
    boolean clientFromRoot = true;
    if (trustAny) {
      trust = new TrustManager[] {new AnyServer()};
    } else {
      Path root = Objects.requireNonNull(rootCa, "rootCa == null");
      ConfigFiles.requireReadable(root, "Root CA", "qrs.rootCa");
      X509TrustManager roots =
          firstX509(TlsContexts.trustOnly(root, "qrs.rootCa").getTrustManagers());
      trust = new TrustManager[] {hostnameVerification ? roots : new AnyHostName(roots)};
      clientFromRoot =
          keys == null || ClientCertificateCheck.issuedBy(keys, roots.getAcceptedIssuers());
      if (!clientFromRoot) {
        log.warn(
            "The client certificate ({}) is not issued by the root CA {} (qrs.rootCa): QRS issues"
                + " both from one site CA and will refuse it, which shows only as connections"
                + " closed after sending",
            clientCertificateSetting(authentication),
            root.toAbsolutePath());
      }
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return new Context(context, clientFromRoot);
    } catch (GeneralSecurityException e) {
      throw new TaskwireException("Could not set up TLS for QRS: " + e.getMessage(), e);
    }
  }

  private static KeyManager @Nullable [] keyManagers(QrsAuthentication authentication) {
    if (authentication instanceof QrsAuthentication.PemCertificate pem) {
      ConfigFiles.requireReadable(pem.clientCert(), "Client certificate", "qrs.clientCert");
      ConfigFiles.requireReadable(pem.clientKey(), "Client key", "qrs.clientKey");
      char[] passphrase = pem.keyPassphrase();
      try {
        return TlsContexts.pemClient(
                pem.clientCert(), pem.clientKey(), passphrase, "qrs.clientCert", "qrs.clientKey")
            .getKeyManagers();
      } finally {
        if (passphrase != null) {
          Arrays.fill(passphrase, '\0');
        }
      }
    }
    if (authentication instanceof QrsAuthentication.Pkcs12Certificate pfx) {
      ConfigFiles.requireReadable(pfx.pfx(), "PKCS#12", "qrs.pfx");
      char[] password = pfx.password();
      try {
        return TlsContexts.pkcs12Client(pfx.pfx(), password, "qrs.pfx").getKeyManagers();
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    return null;
  }

  private static String clientCertificateSetting(QrsAuthentication authentication) {
    return authentication instanceof QrsAuthentication.Pkcs12Certificate
        ? "qrs.pfx"
        : "qrs.clientCert";
  }

  private static X509TrustManager firstX509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new TaskwireException("The Java runtime offers no X.509 trust manager");
  }

  /**
   * Checks the chain against the configured roots but not the host name: an {@link
   * X509ExtendedTrustManager} is asked to identify the endpoint itself, and this one does not.
   */
  private static final class AnyHostName extends ServerOnly {
    private final X509TrustManager roots;

    AnyHostName(X509TrustManager roots) {
      this.roots = roots;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      roots.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      roots.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      roots.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return roots.getAcceptedIssuers();
    }
  }

  /** Accepts any server: only ever on explicit request. */
  private static final class AnyServer extends ServerOnly {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** A trust manager on the client side: it is never asked to trust a client. */
  private abstract static class ServerOnly extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("Not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("Not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("Not a server");
    }
  }

  /**
   * A TLS context for QRS.
   *
   * @param context the context
   * @param clientFromRoot false when the client certificate is known not to be issued by the
   *     configured root CA, which QRS then refuses
   */
  public record Context(SSLContext context, boolean clientFromRoot) {}
}
