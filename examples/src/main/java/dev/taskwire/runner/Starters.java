package dev.taskwire.runner;

import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;

/** Starters the runner builds. */
final class Starters {

  private Starters() {}

  /** A starter for the emulator, with the client certificate and key it generated. */
  static QrsTaskStarter forEmulator(QrsEmulator emulator) {
    EmulatorCertificates files = emulator.certificates();
    return QrsTaskStarter.create(
        QrsConfig.builder()
            .baseUri(emulator.baseUri())
            .authentication(QrsAuthentication.pem(files.clientCert(), files.clientKey(), null))
            .rootCa(files.rootCa())
            .build());
  }
}
