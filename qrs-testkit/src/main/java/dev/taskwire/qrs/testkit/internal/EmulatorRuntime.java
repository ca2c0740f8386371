package dev.taskwire.qrs.testkit.internal;

import com.sun.net.httpserver.HttpsServer;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The running parts of one emulator: listeners, workers, tasks, executions, faults and the request
 * log, wired together.
 */
public final class EmulatorRuntime implements AutoCloseable {

  private final TaskRegistry tasks;
  private final ExecutionEngine executions;
  private final RequestLog log;
  private final FaultState faults;
  private final ExecutorService workers;
  private final HttpsServer direct;
  private final @Nullable HttpsServer proxy;

  /**
   * Starts listening.
   *
   * @throws java.io.UncheckedIOException if a port cannot be bound
   */
  public EmulatorRuntime(EmulatorSettings settings, CertificateMaterial material) {
    this.tasks = new TaskRegistry(settings.tasks());
    this.executions = new ExecutionEngine("qrs-emulator");
    this.log = new RequestLog(settings.recordRequests(), settings.onRequest());
    this.faults = new FaultState();
    this.workers = Listeners.workers("qrs-emulator");

    QrsRouter router = new QrsRouter(tasks, executions, settings.refuseStartWhileRunning());
    SSLContext tls = TlsSetup.serverContext(material);
    HttpsServer directServer = null;
    try {
      directServer =
          Listeners.start(
              settings.port(),
              tls,
              true,
              faults,
              new EmulatorHandler(new DirectGate(), router, faults, log),
              workers,
              "QrsEmulator.Builder.port");
      this.direct = directServer;
      this.proxy =
          settings.virtualProxies().isEmpty()
              ? null
              : Listeners.start(
                  settings.proxyPort(),
                  tls,
                  false,
                  faults,
                  new EmulatorHandler(
                      new ProxyGate(settings.virtualProxies()), router, faults, log),
                  workers,
                  "QrsEmulator.Builder.proxyPort");
    } catch (RuntimeException e) {
      if (directServer != null) {
        directServer.stop(0);
      }
      workers.shutdownNow();
      executions.close();
      throw e;
    }
  }

  public TaskRegistry tasks() {
    return tasks;
  }

  public RequestLog log() {
    return log;
  }

  public FaultState faults() {
    return faults;
  }

  /** The port of the direct listener. */
  public int directPort() {
    return direct.getAddress().getPort();
  }

  /** The port of the proxy listener, or -1 when no virtual proxy is configured. */
  public int proxyPort() {
    return proxy == null ? -1 : proxy.getAddress().getPort();
  }

  /** Stops both listeners at once, the workers and the executions. */
  @Override
  public void close() {
    direct.stop(0);
    if (proxy != null) {
      proxy.stop(0);
    }
    workers.shutdownNow();
    executions.close();
  }
}
