package dev.taskwire.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskwire.core.TaskwireException;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.nio.file.Path;
import java.security.PrivateKey;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the files in every form the Qlik Management Console and common tools export. */
class CertificateFilesTest {

  @TempDir static Path directory;

  private static QrsEmulator emulator;
  private static EmulatorCertificates files;

  @BeforeAll
  static void writeCertificates() {
    emulator = QrsEmulator.builder().certificateDirectory(directory.resolve("qrs")).start();
    files = emulator.certificates();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void readsPkcs1Pkcs8AndEncryptedPkcs8KeysAlike() {
    PrivateKey pkcs1 = PemReader.privateKey(files.clientKey(), null, "qrs.clientKey");
    PrivateKey pkcs8 = PemReader.privateKey(files.clientKeyPkcs8(), null, "qrs.clientKey");
    PrivateKey encrypted =
        PemReader.privateKey(
            files.clientKeyEncrypted(), files.keyPassphrase().toCharArray(), "qrs.clientKey");

    assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded()).isEqualTo(encrypted.getEncoded());
  }

  @Test
  void refusesAWrongPassphraseNamingTheFileButNotThePassphrase() {
    assertThatThrownBy(
            () ->
                PemReader.privateKey(
                    files.clientKeyEncrypted(), "wrong-guess".toCharArray(), "qrs.clientKey"))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining(files.clientKeyEncrypted().toString())
        .hasMessageContaining("qrs.clientKeyPassphrase")
        .hasMessageNotContaining("wrong-guess");
  }

  @Test
  void asksForAPassphraseWhenTheKeyIsEncrypted() {
    assertThatThrownBy(
            () -> PemReader.privateKey(files.clientKeyEncrypted(), null, "qrs.clientKey"))
        .isInstanceOf(TaskwireException.class)
        .hasMessage(
            "Key file "
                + files.clientKeyEncrypted()
                + " is encrypted and no passphrase is configured (qrs.clientKeyPassphrase)");
  }

  @Test
  void readsRootCaInPemAndDer() {
    assertThat(PemReader.certificates(files.rootCa(), "qrs.rootCa"))
        .isEqualTo(PemReader.certificates(files.rootCaDer(), "qrs.rootCa"));
  }

  @Test
  void refusesAKeyThatDoesNotBelongToTheCertificate() {
    EmulatorCertificates other = EmulatorCertificates.generateUntrusted(directory.resolve("other"));

    assertThatThrownBy(
            () ->
                TlsContexts.pemClient(
                    files.clientCert(), other.clientKey(), null, "qrs.clientCert", "qrs.clientKey"))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void opensPkcs12WithItsPasswordAndRefusesAWrongOne() {
    KeyManagerFactory factory =
        TlsContexts.pkcs12Client(files.clientPfx(), files.pfxPassword().toCharArray(), "qrs.pfx");

    assertThat(factory.getKeyManagers()).isNotEmpty();
    assertThatThrownBy(
            () -> TlsContexts.pkcs12Client(files.clientPfx(), "nope".toCharArray(), "qrs.pfx"))
        .isInstanceOf(TaskwireException.class)
        .hasMessageContaining("wrong password")
        .hasMessageContaining("qrs.pfxPassword");
  }

  @Test
  void namesTheSettingAndAbsolutePathOfAMissingFile() {
    Path missing = Path.of("no-such-dir/client.pem");

    assertThatThrownBy(() -> PemReader.certificates(missing, "qrs.clientCert"))
        .isInstanceOf(TaskwireException.class)
        .hasMessage("File " + missing.toAbsolutePath() + " does not exist (qrs.clientCert)");
  }
}
