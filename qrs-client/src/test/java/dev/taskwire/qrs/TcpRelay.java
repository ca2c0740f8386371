package dev.taskwire.qrs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte relay on 127.0.0.1 in front of the emulator, for what the emulator cannot show: how many
 * connections the client opens, how many are open at once, a connection dropped before the TLS
 * handshake, so before any request was sent, and connections held back until the test lets them on.
 */
final class TcpRelay implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final AtomicInteger dropNext = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  private TcpRelay(int targetPort) throws IOException {
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    Thread acceptor = new Thread(this::acceptAll, "relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a relay to {@code targetPort} on the loopback address. */
  static TcpRelay to(int targetPort) {
    try {
      return new TcpRelay(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The relay's address under the name the emulator's certificate is issued to. */
  URI baseUri() {
    return URI.create("https://localhost:" + server.getLocalPort());
  }

  /** Closes the next {@code count} connections at once, before the TLS handshake. */
  void dropNext(int count) {
    dropNext.set(count);
  }

  /** Accepts connections but relays nothing on them until {@link #releaseConnections()}. */
  void holdConnections() {
    gate = new CountDownLatch(1);
  }

  /** Relays the connections held back, and those to come. */
  void releaseConnections() {
    gate.countDown();
  }

  /** Connections accepted so far, dropped ones included. */
  int accepted() {
    return accepted.get();
  }

  /** The most connections relayed at the same time. */
  int mostOpen() {
    return mostOpen.get();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          client.setSoLinger(true, 0);
          client.close();
          continue;
        }
        gate.await();
        Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(target);
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        AtomicInteger halves = new AtomicInteger(2);
        pump(client, target, halves);
        pump(target, client, halves);
      } catch (IOException e) {
        // The relay was closed, or one connection failed; the client sees it as a network error.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicInteger halves) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // The other side closed; closing both ends below is all there is to do.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                if (halves.decrementAndGet() == 0) {
                  open.decrementAndGet();
                }
              }
            },
            "relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
    sockets.forEach(TcpRelay::closeQuietly);
  }
}
