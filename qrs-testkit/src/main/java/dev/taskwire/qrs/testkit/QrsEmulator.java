package dev.taskwire.qrs.testkit;

import dev.taskwire.qrs.testkit.internal.CertificateGenerator;
import dev.taskwire.qrs.testkit.internal.CertificateMaterial;
import dev.taskwire.qrs.testkit.internal.CertificateReader;
import dev.taskwire.qrs.testkit.internal.EmulatorRuntime;
import dev.taskwire.qrs.testkit.internal.EmulatorSettings;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated Qlik Sense Repository Service over real HTTPS on the loopback interface.
 *
 * <p>Direct mode, on {@link #baseUri()}, demands a client certificate issued by the emulator's own
 * CA and the Xrfkey on every call, starts and looks up tasks, and runs executions through their
 * configured statuses. Virtual proxies, if configured, answer on {@link #proxyBaseUri()}. Every
 * request is recorded with the answer it got.
 *
 * <pre>{@code
 * try (QrsEmulator emulator =
 *     QrsEmulator.builder()
 *         .certificateDirectory(tempDir)
 *         .task(EmulatedTask.reload("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f", "Reload sales"))
 *         .start()) {
 *   URI qrs = emulator.baseUri(); // https://localhost:<port>
 *   EmulatorCertificates files = emulator.certificates();
 *   // ... call QRS with files.clientCert(), files.clientKey() and files.rootCa() ...
 *   assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(204);
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class QrsEmulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QrsEmulator.class);

  private final EmulatorCertificates certificates;
  private final EmulatorRuntime runtime;
  private final Faults faults;
  private final URI baseUri;
  private final String serverHostname;

  QrsEmulator(EmulatorSettings settings) {
    CertificateMaterial material =
        (settings.reuseCertificates()
                ? CertificateReader.read(
                    settings.certificateDirectory().toAbsolutePath(), settings.serverHostname())
                : Optional.<CertificateMaterial>empty())
            .orElseGet(() -> CertificateGenerator.forHost(settings.serverHostname()));
    // Bind first: an emulator that cannot listen must not overwrite the files of one that does.
    this.runtime = new EmulatorRuntime(settings, material);
    try {
      this.certificates = EmulatorCertificates.write(material, settings.certificateDirectory());
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    this.faults = new Faults(runtime.faults());
    this.serverHostname = settings.serverHostname();
    this.baseUri = URI.create("https://" + serverHostname + ":" + runtime.directPort());
    if (runtime.proxyPort() < 0) {
      LOG.info("QRS emulator listening on {} (client certificate required)", baseUri);
    } else {
      LOG.info(
          "QRS emulator listening on {} (client certificate required) and {} (virtual proxies)",
          baseUri,
          proxyBaseUri());
    }
  }

  /** Returns a builder; {@link Builder#certificateDirectory} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The direct QRS address, {@code https://<serverHostname>:<port>}; needs a client certificate.
   */
  public URI baseUri() {
    return baseUri;
  }

  /** The port of the direct listener. */
  public int port() {
    return runtime.directPort();
  }

  /**
   * The virtual proxy address, {@code https://<serverHostname>:<proxyPort>}, under which {@code
   * /<prefix>/qrs/...} answers; no client certificate needed.
   *
   * @throws IllegalStateException if no virtual proxy was configured
   */
  public URI proxyBaseUri() {
    int proxyPort = runtime.proxyPort();
    if (proxyPort < 0) {
      throw new IllegalStateException(
          "The emulator has no virtual proxy; add one with QrsEmulator.Builder.virtualProxy");
    }
    return URI.create("https://" + serverHostname + ":" + proxyPort);
  }

  /** The certificate files written at start. */
  public EmulatorCertificates certificates() {
    return certificates;
  }

  /** Returns the requests received so far, in arrival order; a snapshot. */
  public List<RecordedRequest> requests() {
    return runtime.log().snapshot();
  }

  /** Forgets the requests received so far. */
  public void clearRequests() {
    runtime.log().clear();
  }

  /** Returns the faults injected into this emulator, for changing them at run time. */
  public Faults faults() {
    return faults;
  }

  /**
   * Adds {@code task}, or replaces the task with the same id (to disable it, say) while running.
   */
  public void putTask(EmulatedTask task) {
    runtime.tasks().put(Objects.requireNonNull(task, "task == null"));
  }

  /** Removes the task with id {@code id}; returns whether there was one. */
  public boolean removeTask(String id) {
    return runtime.tasks().remove(Objects.requireNonNull(id, "id == null"));
  }

  /** Returns the tasks the emulator knows, in the order added. */
  public List<EmulatedTask> tasks() {
    return runtime.tasks().all();
  }

  /** Stops listening at once, dropping open connections, and ends all executions. */
  @Override
  public void close() {
    runtime.close();
    LOG.info("QRS emulator on {} stopped", baseUri);
  }

  /** Configures and starts a {@link QrsEmulator}. Not thread-safe; checked in {@link #start()}. */
  public static final class Builder extends EmulatorBuilderSettings<Builder> {

    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    Builder() {}

    /**
     * Writes the certificates, binds 127.0.0.1 and returns the running emulator.
     *
     * @throws IllegalStateException if a required setting is missing or settings conflict
     * @throws java.io.UncheckedIOException if a port cannot be bound or a file cannot be written
     */
    public QrsEmulator start() {
      // The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise, so small answers
      // wait for delayed acknowledgements (up to 40 ms) and cap a benchmark near 350 requests/s.
      // The setting is read once per JVM, when the first server starts; an explicit value wins.
      if (System.getProperty(NODELAY_PROPERTY) == null) {
        System.setProperty(NODELAY_PROPERTY, "true");
      }
      return new QrsEmulator(settings());
    }
  }
}
