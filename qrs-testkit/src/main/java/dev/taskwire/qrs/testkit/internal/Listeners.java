package dev.taskwire.qrs.testkit.internal;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** Creates the emulator's HTTPS listeners and the worker threads they share. */
public final class Listeners {

  /** Worker threads: enough for 64 requests in flight plus TLS handshakes. */
  public static final int WORKERS = 128;

  private static final int BACKLOG = 256;

  private Listeners() {}

  /**
   * Returns a pool of up to {@link #WORKERS} daemon threads, created on demand and ended after 30
   * idle seconds; further work queues.
   */
  public static ExecutorService workers(String name) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Starts an HTTPS listener on 127.0.0.1 only.
   *
   * @param port the port, 0 for a free one
   * @param setting the builder setting that chose the port, named when it cannot be bound
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static HttpsServer start(
      int port,
      SSLContext tls,
      boolean needClientAuth,
      FaultState faults,
      HttpHandler handler,
      ExecutorService workers,
      String setting) {
    InetSocketAddress address = new InetSocketAddress(loopback(), port);
    try {
      HttpsServer server = HttpsServer.create(address, BACKLOG);
      server.setHttpsConfigurator(TlsSetup.configurator(tls, needClientAuth, faults));
      server.createContext("/", handler);
      server.setExecutor(workers);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot listen on 127.0.0.1:" + port + " (" + setting + "); is the port taken?", e);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("127.0.0.1 is not an address", e);
    }
  }
}
