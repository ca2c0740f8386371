package dev.taskwire.qrs.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * Direct access to QRS on port 4242: the TLS layer has already demanded a client certificate signed
 * by the emulator's CA; the user comes from {@code X-Qlik-User}.
 */
public final class DirectGate implements Gate {

  @Override
  public Admission admit(
      HttpExchange exchange, List<String> segments, Map<String, List<String>> headers) {
    List<String> userHeader = headers.get(QlikUser.HEADER);
    String user =
        userHeader == null || userHeader.isEmpty() ? null : QlikUser.parse(userHeader.get(0));
    return new Admission(null, segments, user, clientSubject(exchange), Map.of());
  }

  /** Returns the subject of the client certificate on {@code exchange}, or null if none. */
  static @Nullable String clientSubject(HttpExchange exchange) {
    if (!(exchange instanceof HttpsExchange https)) {
      return null;
    }
    SSLSession session = https.getSSLSession();
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate cert
          ? cert.getSubjectX500Principal().getName()
          : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
