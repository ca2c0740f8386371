package dev.taskwire.qrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.TaskwireException;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate files are read once, when the configuration is built, and every problem with them is
 * reported there, naming the setting and the absolute path, never later as a TLS error.
 */
class CertificateFilesTest {

  @TempDir static Path directory;

  private static EmulatorCertificates files;

  @BeforeAll
  static void writeFiles() {
    files = EmulatorCertificates.generateUntrusted(directory.resolve("site"));
  }

  private static QrsConfig build(QrsAuthentication authentication, Path rootCa) {
    return QrsConfig.builder().host("qlik").authentication(authentication).rootCa(rootCa).build();
  }

  private static QrsConfig build(QrsAuthentication authentication) {
    return build(authentication, files.rootCa());
  }

  @Test
  void namesTheSettingAndAbsolutePathOfEachMissingFile() {
    Path missing = Path.of("certs", "missing.pem");
    String absolute = missing.toAbsolutePath().toString();

    assertThatThrownBy(() -> build(QrsAuthentication.pem(missing, files.clientKey())))
        .isInstanceOf(TaskwireException.class)
        .hasMessage("Client certificate file " + absolute + " does not exist (qrs.clientCert)");
    assertThatThrownBy(() -> build(QrsAuthentication.pem(files.clientCert(), missing)))
        .hasMessage("Client key file " + absolute + " does not exist (qrs.clientKey)");
    assertThatThrownBy(() -> build(QrsAuthentication.pkcs12(missing, "secret")))
        .hasMessage("PKCS#12 file " + absolute + " does not exist (qrs.pfx)");
    assertThatThrownBy(
            () -> build(QrsAuthentication.pem(files.clientCert(), files.clientKey()), missing))
        .hasMessage("Root CA file " + absolute + " does not exist (qrs.rootCa)");
  }

  @Test
  void refusesADirectoryWhereAFileBelongs() {
    assertThatThrownBy(() -> build(QrsAuthentication.pem(directory, files.clientKey())))
        .hasMessage(
            "Client certificate file "
                + directory.toAbsolutePath()
                + " is not a regular file (qrs.clientCert)");
  }

  @Test
  void refusesAFileThatHoldsNoCertificate() throws IOException {
    Path notPem = Files.writeString(directory.resolve("notes.pem"), "just some text\n");

    assertThatThrownBy(() -> build(QrsAuthentication.pem(notPem, files.clientKey())))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining("notes.pem")
        .hasMessageEndingWith("(qrs.clientCert)");
  }

  @Test
  void readsEachKeyFormatTheConsoleExports() {
    for (Path key : new Path[] {files.clientKey(), files.clientKeyPkcs8()}) {
      assertThat(build(QrsAuthentication.pem(files.clientCert(), key))).isNotNull();
    }
    assertThat(
            build(
                QrsAuthentication.encryptedPem(
                    files.clientCert(), files.clientKeyEncrypted(), files.keyPassphrase())))
        .isNotNull();
    assertThat(
            build(
                QrsAuthentication.pkcs12(files.clientPfx(), files.pfxPassword()),
                files.rootCaDer()))
        .isNotNull();
  }

  @Test
  void refusesAKeyThatDoesNotBelongToTheCertificateInEachFormat() {
    PemKeys stranger = PemKeys.generate();
    char[] passphrase = "stranger-pass".toCharArray();
    Path[] keys = {
      stranger.writePkcs1(directory.resolve("pkcs1.pem")),
      stranger.writePkcs8(directory.resolve("pkcs8.pem")),
      stranger.writeEncrypted(directory.resolve("encrypted.pem"), passphrase)
    };

    for (Path key : keys) {
      assertThatThrownBy(() -> build(QrsAuthentication.pem(files.clientCert(), key, passphrase)))
          .isInstanceOf(TaskwireException.class)
          .hasMessageContaining("does not belong to the certificate")
          .hasMessageContaining("(qrs.clientKey)")
          .hasMessageContaining("(qrs.clientCert)");
    }
  }

  @Test
  void refusesAWrongOrMissingPassphraseWithoutQuotingIt() {
    assertThatThrownBy(
            () ->
                build(
                    QrsAuthentication.encryptedPem(
                        files.clientCert(), files.clientKeyEncrypted(), "wrong-passphrase")))
        .hasMessageContaining("wrong passphrase")
        .hasMessageEndingWith("(qrs.clientKeyPassphrase)")
        .hasMessageNotContaining("wrong-passphrase");
    assertThatThrownBy(
            () -> build(QrsAuthentication.pem(files.clientCert(), files.clientKeyEncrypted())))
        .hasMessageContaining("no passphrase is configured (qrs.clientKeyPassphrase)");
    assertThatThrownBy(() -> build(QrsAuthentication.pkcs12(files.clientPfx(), "wrong-password")))
        .hasMessageContaining("wrong password")
        .hasMessageEndingWith("(qrs.pfxPassword)")
        .hasMessageNotContaining("wrong-password");
  }

  @Test
  void keepsEverySecretOutOfToString() {
    String passphrase = files.keyPassphrase();
    QrsConfig pem =
        build(
            QrsAuthentication.encryptedPem(
                files.clientCert(), files.clientKeyEncrypted(), passphrase));
    QrsConfig pfx = build(QrsAuthentication.pkcs12(files.clientPfx(), files.pfxPassword()));
    QrsConfig jwt = build(QrsAuthentication.jwt("header.payload.signature"));

    assertThat(pem.toString()).doesNotContain(passphrase).contains("passphrase=***");
    assertThat(pfx.toString()).doesNotContain(files.pfxPassword()).contains("password=***");
    assertThat(jwt.toString()).doesNotContain("header.payload.signature").contains("Jwt[***]");
  }

  @Test
  void copiesSecretArraysInAndOut() {
    char[] given = files.keyPassphrase().toCharArray();
    QrsAuthentication.PemCertificate pem =
        (QrsAuthentication.PemCertificate)
            QrsAuthentication.pem(files.clientCert(), files.clientKeyEncrypted(), given);

    Arrays.fill(given, 'x');
    pem.keyPassphrase()[0] = 'y';

    assertThat(new String(pem.keyPassphrase())).isEqualTo(files.keyPassphrase());
    assertThat(build(pem)).isNotNull();
  }
}
