package dev.taskwire.qrs.internal;

import dev.taskwire.core.FailureKind;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Tells what a missing answer means: which {@link FailureKind}, and whether QRS may have received
 * the request. That second question decides whether a start may be retried.
 */
public final class TransportFailures {

  private TransportFailures() {}

  /** Classifies {@code cause}, the failure of {@code method path} sent with {@code config}. */
  public static QrsTransportException classify(
      String method, String path, Throwable cause, QrsConfig config) {
    String where = method + " " + config.baseUri() + path;
    if (cause instanceof HttpConnectTimeoutException) {
      return new QrsTransportException(
          where
              + " could not connect within "
              + config.connectTimeout().toMillis()
              + " ms (qrs.connectTimeout)",
          FailureKind.TIMEOUT,
          false,
          cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new QrsTransportException(
          where
              + " got no answer within "
              + config.requestTimeout().toMillis()
              + " ms (qrs.requestTimeout)",
          FailureKind.TIMEOUT,
          true,
          cause);
    }
    ConnectException refused = find(cause, ConnectException.class);
    if (refused != null) {
      return new QrsTransportException(
          where
              + " could not connect ("
              + text(refused, "connection refused")
              + "): is QRS listening there? (qrs.host, qrs.port)",
          FailureKind.NETWORK,
          false,
          cause);
    }
    QrsTransportException tls = tlsFailure(where, cause);
    if (tls != null) {
      return tls;
    }
    if (cause instanceof IOException) {
      boolean certificate =
          config.authentication() instanceof QrsAuthentication.PemCertificate
              || config.authentication() instanceof QrsAuthentication.Pkcs12Certificate;
      return new QrsTransportException(
          where
              + " failed after it was sent: "
              + text(cause, cause.getClass().getSimpleName())
              + (certificate
                  ? " (when every call ends so, QRS may be refusing the client certificate:"
                      + " check that qrs.clientCert or qrs.pfx is issued by the site's root CA)"
                  : ""),
          FailureKind.NETWORK,
          true,
          cause);
    }
    return new QrsTransportException(
        where + " failed unexpectedly: " + cause, FailureKind.INTERNAL, false, cause);
  }

  private static @Nullable QrsTransportException tlsFailure(String where, Throwable cause) {
    SSLHandshakeException handshake = find(cause, SSLHandshakeException.class);
    if (handshake != null && find(handshake, CertificateException.class) != null) {
      // The server's certificate failed verification: a setting is wrong, a retry cannot help.
      return new QrsTransportException(
          where + " refused the server certificate: " + text(handshake, "") + hint(handshake),
          FailureKind.CONFIGURATION,
          false,
          cause);
    }
    SSLException ssl = find(cause, SSLException.class);
    String message = ssl == null ? "" : text(ssl, "").toLowerCase(Locale.ROOT);
    if (ssl != null && message.contains("certificate")) {
      // QRS refused the client certificate during the handshake, before reading any request.
      return new QrsTransportException(
          where
              + " was refused by QRS during the TLS handshake: "
              + text(ssl, "")
              + " (the client certificate is not accepted: qrs.clientCert or qrs.pfx)",
          FailureKind.AUTHORISATION,
          false,
          cause);
    }
    if (handshake != null) {
      return new QrsTransportException(
          where
              + " failed in the TLS handshake, before the request was sent: "
              + text(handshake, ""),
          FailureKind.NETWORK,
          false,
          cause);
    }
    return null;
  }

  private static String hint(Throwable failure) {
    String text = String.valueOf(failure.getMessage());
    if (text.contains("subject alternative") || text.contains("No name matching")) {
      return " (hostname verification: the server certificate is issued to another host name;"
          + " connect by the name it was issued to, or turn qrs.hostnameVerification off)";
    }
    if (text.contains("PKIX") || text.contains("certification path")) {
      return " (the server certificate is not issued by the configured root CA, qrs.rootCa)";
    }
    return "";
  }

  private static String text(Throwable failure, String fallback) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? fallback : message;
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable current = failure; current != null; current = current.getCause()) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return null;
  }
}
