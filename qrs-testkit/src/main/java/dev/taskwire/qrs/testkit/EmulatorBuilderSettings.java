package dev.taskwire.qrs.testkit;

import dev.taskwire.qrs.testkit.internal.EmulatorSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of {@link QrsEmulator.Builder}, kept apart from the emulator so that each file does
 * one thing. Not an API on its own: use {@link QrsEmulator#builder()}.
 *
 * @param <B> the builder type returned for chaining
 */
abstract class EmulatorBuilderSettings<B extends EmulatorBuilderSettings<B>> {

  /** The direct listener's port unless set: 0, a free loopback port. */
  public static final int DEFAULT_PORT = 0;

  /** The server certificate's DNS name unless set: {@code localhost}. */
  public static final String DEFAULT_SERVER_HOSTNAME = "localhost";

  private static final Pattern HOSTNAME =
      Pattern.compile(
          "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]*");

  private @Nullable Path certificateDirectory;
  private int port = DEFAULT_PORT;
  private int proxyPort = DEFAULT_PORT;
  private String serverHostname = DEFAULT_SERVER_HOSTNAME;
  private final List<EmulatedTask> tasks = new ArrayList<>();
  private @Nullable Consumer<RecordedRequest> onRequest;
  private boolean recordRequests = true;
  private boolean refuseStartWhileRunning;
  private boolean reuseCertificates;
  private final Map<String, VirtualProxyAuth> virtualProxies = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Sets the folder the certificate files are written to; required, created if absent. */
  public B certificateDirectory(Path directory) {
    this.certificateDirectory = Objects.requireNonNull(directory, "directory == null");
    return self();
  }

  /** Sets the direct listener's port on 127.0.0.1; 0, the default, picks a free one. */
  public B port(int port) {
    this.port = port;
    return self();
  }

  /** Sets the virtual proxy listener's port on 127.0.0.1; 0, the default, picks a free one. */
  public B proxyPort(int port) {
    this.proxyPort = port;
    return self();
  }

  /**
   * Sets the DNS name the server certificate is issued to and {@link QrsEmulator#baseUri()} uses;
   * default {@code localhost}. The certificate holds no IP address, so a client connecting by
   * {@code 127.0.0.1} fails hostname verification, as with a real QRS. The name must resolve to
   * 127.0.0.1 on the client's machine.
   */
  public B serverHostname(String hostname) {
    this.serverHostname = Objects.requireNonNull(hostname, "hostname == null");
    return self();
  }

  /** Adds a task; ids must be distinct. */
  public B task(EmulatedTask task) {
    tasks.add(Objects.requireNonNull(task, "task == null"));
    return self();
  }

  /** Adds tasks; ids must be distinct. */
  public B tasks(List<EmulatedTask> added) {
    added.forEach(this::task);
    return self();
  }

  /**
   * Sets a listener told about each request after it was answered, on the worker thread that
   * answered it; it must be thread-safe and quick. A listener that throws is logged and ignored.
   */
  public B onRequest(Consumer<RecordedRequest> listener) {
    this.onRequest = Objects.requireNonNull(listener, "listener == null");
    return self();
  }

  /**
   * Sets whether requests are kept for {@link QrsEmulator#requests()}; default true. Turn it off
   * for long benchmarks, where the kept requests would grow without bound; the {@link #onRequest}
   * listener is told either way.
   */
  public B recordRequests(boolean record) {
    this.recordRequests = record;
    return self();
  }

  /**
   * Sets whether a start of a task that is already running is refused as QRS is reported to do: the
   * synchronous call answers 201 with the all-zero session, the asynchronous calls 204, and no
   * second execution begins. Default false, so that tests may start a task faster than its
   * executions end; turn it on to test what happens when triggers for one task overlap.
   */
  public B refuseStartWhileRunning(boolean refuse) {
    this.refuseStartWhileRunning = refuse;
    return self();
  }

  /**
   * Sets whether certificates an emulator wrote into the certificate directory before are used
   * again, when they are a whole set for this host name; default false, a new set at every start.
   * On, a restarted emulator keeps its root CA, server and client certificates, so a bridge
   * configured with the files goes on working; only the encrypted key and the PKCS#12 file are
   * written anew, with new passwords.
   */
  public B reuseCertificates(boolean reuse) {
    this.reuseCertificates = reuse;
    return self();
  }

  /**
   * Adds a virtual proxy serving {@code /<prefix>/qrs/...} on {@link QrsEmulator#proxyBaseUri()};
   * an empty prefix is the default virtual proxy, serving {@code /qrs/...}. Prefixes are matched
   * case-insensitively.
   */
  public B virtualProxy(String prefix, VirtualProxyAuth auth) {
    Objects.requireNonNull(prefix, "prefix == null");
    Objects.requireNonNull(auth, "auth == null");
    virtualProxies.put(prefix, auth);
    return self();
  }

  /** Checks the settings and returns them. */
  EmulatorSettings settings() {
    Path directory = certificateDirectory;
    if (directory == null) {
      throw new IllegalStateException(
          "No certificate directory set; the emulator writes its certificates there"
              + " (QrsEmulator.Builder.certificateDirectory)");
    }
    checkPort(port, "port");
    checkPort(proxyPort, "proxyPort");
    if (!HOSTNAME.matcher(serverHostname).matches()) {
      throw new IllegalStateException(
          "Server hostname '"
              + serverHostname
              + "' is not a DNS name such as localhost (QrsEmulator.Builder.serverHostname)");
    }
    Set<String> ids = new HashSet<>();
    for (EmulatedTask task : tasks) {
      if (!ids.add(task.id())) {
        throw new IllegalStateException(
            "Task id " + task.id() + " is added twice (QrsEmulator.Builder.task)");
      }
    }
    Set<String> prefixes = new HashSet<>();
    for (String prefix : virtualProxies.keySet()) {
      String lower = prefix.toLowerCase(Locale.ROOT);
      if (!PREFIX.matcher(prefix).matches() || lower.equals("qrs")) {
        throw new IllegalStateException(
            "Virtual proxy prefix '"
                + prefix
                + "' must be letters, digits, '-' or '_' and not 'qrs'"
                + " (QrsEmulator.Builder.virtualProxy)");
      }
      if (!prefixes.add(lower)) {
        throw new IllegalStateException(
            "Virtual proxy prefix '"
                + prefix
                + "' is added twice in different case"
                + " (QrsEmulator.Builder.virtualProxy)");
      }
    }
    return new EmulatorSettings(
        directory,
        port,
        serverHostname,
        List.copyOf(tasks),
        onRequest,
        recordRequests,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(virtualProxies)),
        proxyPort,
        refuseStartWhileRunning,
        reuseCertificates);
  }

  private static void checkPort(int value, String setting) {
    if (value < 0 || value > 65_535) {
      throw new IllegalStateException(
          "Port " + value + " is not 0 to 65535 (QrsEmulator.Builder." + setting + ")");
    }
  }
}
