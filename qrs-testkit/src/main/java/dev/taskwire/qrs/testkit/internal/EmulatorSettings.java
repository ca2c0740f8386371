package dev.taskwire.qrs.testkit.internal;

import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.RecordedRequest;
import dev.taskwire.qrs.testkit.VirtualProxyAuth;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The checked settings of an emulator, as its builder hands them over.
 *
 * @param certificateDirectory where the certificate files go
 * @param port the direct listener's port, 0 for a free one
 * @param serverHostname the DNS name in the server certificate and the base URI
 * @param tasks the tasks known at start, ids distinct
 * @param onRequest called after each answer, or null
 * @param recordRequests whether to keep requests for {@code requests()}
 * @param virtualProxies the virtual proxies by prefix, in the order added; empty for none
 * @param proxyPort the proxy listener's port, 0 for a free one
 * @param refuseStartWhileRunning whether a start of a running task is answered with no session
 * @param reuseCertificates whether a whole set of certificates found in the directory is used
 */
public record EmulatorSettings(
    Path certificateDirectory,
    int port,
    String serverHostname,
    List<EmulatedTask> tasks,
    @Nullable Consumer<RecordedRequest> onRequest,
    boolean recordRequests,
    Map<String, VirtualProxyAuth> virtualProxies,
    int proxyPort,
    boolean refuseStartWhileRunning,
    boolean reuseCertificates) {}
