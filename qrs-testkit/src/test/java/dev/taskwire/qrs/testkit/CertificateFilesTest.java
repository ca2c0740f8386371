package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

  @TempDir Path dir;
  private QrsEmulator emulator;
  private EmulatorCertificates files;

  @BeforeEach
  void startEmulator() {
    emulator = QrsEmulator.builder().certificateDirectory(dir.resolve("created/here")).start();
    files = emulator.certificates();
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void writesEveryFileIntoTheCreatedDirectory() {
    assertThat(files.directory()).isEqualTo(dir.resolve("created/here").toAbsolutePath());
    assertThat(
            List.of(
                files.rootCa(),
                files.rootCaDer(),
                files.clientCert(),
                files.clientKey(),
                files.clientKeyPkcs8(),
                files.clientKeyEncrypted(),
                files.clientPfx(),
                files.serverCert(),
                files.serverKey()))
        .allSatisfy(file -> assertThat(file).isRegularFile().hasParent(files.directory()));
    assertThat(files.rootCa().getFileName()).hasToString("root.pem");
    assertThat(files.rootCaDer().getFileName()).hasToString("root.cer");
    assertThat(files.clientPfx().getFileName()).hasToString("client.pfx");
  }

  @Test
  void writesClientKeyAsPkcs1LikeTheManagementConsole() throws Exception {
    assertThat(Files.readString(files.clientKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(files.serverKey())).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    PrivateKey key = TlsClients.pkcs1Key(files.clientKey());

    assertThat(key.getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void writesSameKeyAsPkcs8ReadableByTheJdk() throws Exception {
    assertThat(Files.readString(files.clientKeyPkcs8())).startsWith("-----BEGIN PRIVATE KEY-----");

    PrivateKey pkcs8 = TlsClients.pkcs8Key(files.clientKeyPkcs8());

    assertThat(pkcs8.getEncoded()).isEqualTo(TlsClients.pkcs1Key(files.clientKey()).getEncoded());
  }

  @Test
  void writesEncryptedKeyThatThePlainJdkDecrypts() throws Exception {
    assertThat(Files.readString(files.clientKeyEncrypted()))
        .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

    PrivateKey decrypted =
        TlsClients.encryptedPkcs8Key(files.clientKeyEncrypted(), files.keyPassphrase());

    assertThat(decrypted.getEncoded())
        .isEqualTo(TlsClients.pkcs1Key(files.clientKey()).getEncoded());
  }

  @Test
  void writesPfxHoldingKeyAndChain() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(files.clientPfx())) {
      store.load(in, files.pfxPassword().toCharArray());
    }
    String alias = store.aliases().nextElement();

    Certificate[] chain = store.getCertificateChain(alias);
    PrivateKey key = (PrivateKey) store.getKey(alias, files.pfxPassword().toCharArray());

    assertThat(chain).hasSize(2);
    assertThat(chain[0]).isEqualTo(TlsClients.certificate(files.clientCert()));
    assertThat(chain[1]).isEqualTo(TlsClients.certificate(files.rootCa()));
    assertThat(key.getEncoded()).isEqualTo(TlsClients.pkcs1Key(files.clientKey()).getEncoded());
  }

  @Test
  void writesRootAlsoInDer() throws Exception {
    X509Certificate der;
    try (InputStream in = Files.newInputStream(files.rootCaDer())) {
      der = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }

    assertThat(Files.readAllBytes(files.rootCaDer())[0]).isEqualTo((byte) 0x30);
    assertThat(der).isEqualTo(TlsClients.certificate(files.rootCa()));
  }

  @Test
  void issuesServerCertificateToTheHostnameOnly() throws Exception {
    X509Certificate server = TlsClients.certificate(files.serverCert());
    X509Certificate root = TlsClients.certificate(files.rootCa());

    server.verify(root.getPublicKey());
    assertThat(server.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"));
  }

  @Test
  void issuesClientCertificateFromTheSameRoot() throws Exception {
    X509Certificate client = TlsClients.certificate(files.clientCert());

    client.verify(TlsClients.certificate(files.rootCa()).getPublicKey());
    assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
  }

  @Test
  void generatesUntrustedSetFromAnotherRoot() throws Exception {
    EmulatorCertificates foreign = EmulatorCertificates.generateUntrusted(dir.resolve("foreign"));

    X509Certificate foreignRoot = TlsClients.certificate(foreign.rootCa());

    assertThat(foreignRoot).isNotEqualTo(TlsClients.certificate(files.rootCa()));
    assertThat(foreign.clientKey()).isRegularFile();
  }

  @Test
  void leavesPasswordsOutOfToString() {
    assertThat(files.toString())
        .doesNotContain(files.keyPassphrase())
        .doesNotContain(files.pfxPassword());
  }
}
