package dev.taskwire.qrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.qrs.testkit.EmulatorCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where QRS is, the defaults, and each setting refused by name, without a server. */
class QrsConfigTest {

  @TempDir static Path directory;

  private static EmulatorCertificates files;

  @BeforeAll
  static void writeFiles() {
    files = EmulatorCertificates.generateUntrusted(directory);
  }

  private static QrsConfig.Builder certificate() {
    return QrsConfig.builder()
        .host("qlik.example.com")
        .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey()))
        .rootCa(files.rootCa());
  }

  private static QrsConfig.Builder withAuthentication(QrsAuthentication authentication) {
    return QrsConfig.builder()
        .host("qlik.example.com")
        .authentication(authentication)
        .rootCa(files.rootCa());
  }

  @Test
  void defaultsToPort4242AsSaApiWithTheDocumentedLimits() {
    QrsConfig config = certificate().build();

    assertThat(config.baseUri()).isEqualTo(URI.create("https://qlik.example.com:4242"));
    assertThat(config.user()).isEqualTo("INTERNAL\\sa_api");
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.maxConcurrentRequests()).isEqualTo(16);
    assertThat(config.retry()).isEqualTo(QrsRetry.DEFAULT);
    assertThat(config.hostnameVerification()).isTrue();
    assertThat(config.trustAnyServerCertificate()).isFalse();
    assertThat(config.rootCa()).contains(files.rootCa());
  }

  @Test
  void defaultsToPort443WithAVirtualProxyHeaderOrJwt() {
    assertThat(certificate().virtualProxy("/hdr/").build().baseUri())
        .isEqualTo(URI.create("https://qlik.example.com:443/hdr"));
    assertThat(
            withAuthentication(QrsAuthentication.header("hdr-usr", "CORP\\svc")).build().baseUri())
        .isEqualTo(URI.create("https://qlik.example.com:443"));
    assertThat(withAuthentication(QrsAuthentication.jwt("a.b.c")).build().baseUri())
        .isEqualTo(URI.create("https://qlik.example.com:443"));
  }

  @Test
  void appendsTheVirtualProxyPrefixToABaseUri() {
    QrsConfig config =
        QrsConfig.builder()
            .baseUri(URI.create("https://qlik.example.com/"))
            .virtualProxy("jwt")
            .authentication(QrsAuthentication.jwt("a.b.c"))
            .rootCa(files.rootCa())
            .build();

    assertThat(config.baseUri()).isEqualTo(URI.create("https://qlik.example.com/jwt"));
    assertThat(config.user()).isEqualTo("the JWT's user");
  }

  @Test
  void namesTheHeaderUserAsTheUser() {
    QrsConfig config = withAuthentication(QrsAuthentication.header("hdr-usr", "CORP\\svc")).build();

    assertThat(config.user()).isEqualTo("CORP\\svc");
  }

  @Test
  void refusesALocationThatIsNotAHostOrAnHttpsUri() {
    assertThatThrownBy(() -> QrsConfig.builder().host("https://qlik.example.com"))
        .hasMessageContaining("'https://qlik.example.com'")
        .hasMessageEndingWith("(qrs.host)");
    assertThatThrownBy(() -> QrsConfig.builder().port(0))
        .hasMessage("Port 0 is out of range 1 to 65535 (qrs.port)");
    assertThatThrownBy(() -> QrsConfig.builder().virtualProxy("a/b"))
        .hasMessageEndingWith("(qrs.virtualProxy)");
    assertThatThrownBy(() -> certificate().host(null).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                QrsConfig.builder()
                    .baseUri(URI.create("http://qlik.example.com:4242"))
                    .authentication(QrsAuthentication.jwt("a.b.c"))
                    .rootCa(files.rootCa())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("(qrs.baseUri)");
  }

  @Test
  void refusesABaseUriTogetherWithAHost() {
    assertThatThrownBy(
            () -> certificate().baseUri(URI.create("https://qlik.example.com:4242")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Give either a base URI (qrs.baseUri) or a host and port (qrs.host, qrs.port), not both");
  }

  @Test
  void refusesAUserThatWouldBreakTheXQlikUserHeader() {
    assertThatThrownBy(() -> certificate().user("INTERNAL; UserId=admin", "x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("(qrs.userDirectory)");
    assertThatThrownBy(() -> certificate().user("INTERNAL", " ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("(qrs.userId)");
  }

  @Test
  void refusesAHeaderOrJwtThatCannotBeSent() {
    assertThatThrownBy(() -> QrsAuthentication.header("X-Qlik-Xrfkey", "CORP\\svc"))
        .hasMessageEndingWith("(qrs.headerAuth)");
    assertThatThrownBy(() -> QrsAuthentication.header("hdr usr", "CORP\\svc"))
        .hasMessageEndingWith("(qrs.headerAuth)");
    assertThatThrownBy(() -> QrsAuthentication.header("hdr-usr", "CORP\\svc\r\nX-Evil: 1"))
        .hasMessageEndingWith("(qrs.headerAuth)");
    assertThatThrownBy(() -> QrsAuthentication.jwt("secret token"))
        .hasMessageEndingWith("(qrs.jwt)")
        .hasMessageNotContaining("secret");
  }

  @Test
  void refusesLimitsOutOfRange() {
    assertThatThrownBy(() -> certificate().connectTimeout(Duration.ZERO).build())
        .hasMessage("Duration PT0S must be positive (qrs.connectTimeout)");
    assertThatThrownBy(() -> certificate().requestTimeout(Duration.ofSeconds(-1)).build())
        .hasMessageEndingWith("(qrs.requestTimeout)");
    assertThatThrownBy(() -> certificate().maxConcurrentRequests(0).build())
        .hasMessage("Concurrent requests 0 is out of range 1 to 1024 (qrs.maxConcurrentRequests)");
  }

  @Test
  void namesWhatIsMissing() {
    assertThatThrownBy(() -> QrsConfig.builder().host("qlik").rootCa(files.rootCa()).build())
        .hasMessageStartingWith("No authentication configured");
    assertThatThrownBy(
            () ->
                QrsConfig.builder()
                    .authentication(QrsAuthentication.jwt("a.b.c"))
                    .rootCa(files.rootCa())
                    .build())
        .hasMessage("No QRS host configured (qrs.host)");
    assertThatThrownBy(
            () ->
                QrsConfig.builder()
                    .host("qlik")
                    .authentication(QrsAuthentication.jwt("a.b.c"))
                    .build())
        .hasMessageStartingWith("No root CA configured (qrs.rootCa)");
  }

  @Test
  void needsNoRootCaWhenTrustingAnyServerCertificate() {
    QrsConfig config =
        QrsConfig.builder()
            .host("qlik")
            .authentication(QrsAuthentication.jwt("a.b.c"))
            .trustAnyServerCertificate(true)
            .build();

    assertThat(config.rootCa()).isEmpty();
    assertThat(config.toString()).contains("trustAnyServerCertificate=true");
  }
}
