package dev.taskwire.qrs;

import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;

/** Configurations pointed at an emulator. */
final class QrsFixture {

  static final String T = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";

  private QrsFixture() {}

  /** Direct access with the PEM client certificate and PKCS#1 key, as exported by the QMC. */
  static QrsConfig.Builder direct(QrsEmulator emulator) {
    EmulatorCertificates files = emulator.certificates();
    return QrsConfig.builder()
        .baseUri(emulator.baseUri())
        .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
        .rootCa(files.rootCa())
        .retry(QrsRetry.NONE);
  }
}
