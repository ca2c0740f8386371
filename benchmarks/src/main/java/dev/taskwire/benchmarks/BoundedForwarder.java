package dev.taskwire.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The baseline: the simplest correct program that does taskwire's job. A bare MQTT 5 client
 * forwards each message's payload, as a task ID, to one {@link HttpClient} as {@code POST
 * /qrs/task/{id}/start/synchronous}, with at most {@value #IN_FLIGHT} requests in flight, and
 * acknowledges the message once QRS answered.
 *
 * <p>It parses nothing, filters nothing, retries nothing and reports nothing. The Xrfkey is made
 * once per process, which QRS accepts as long as the query and the header agree.
 */
final class BoundedForwarder implements AutoCloseable {

  static final int IN_FLIGHT = 16;

  private static final String XRFKEY = "bench0123456789x";

  private final Mqtt5AsyncClient mqtt;
  private final HttpClient http;
  private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
  private final Semaphore permits = new Semaphore(IN_FLIGHT);
  private final URI qrs;
  private final String user;
  private final String topicFilter;
  private final LongAdder answered = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();

  BoundedForwarder(
      String brokerHost, int brokerPort, String topicFilter, URI qrs, SSLContext tls, String user) {
    this.mqtt =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("bench-forwarder-" + UUID.randomUUID())
            .serverHost(brokerHost)
            .serverPort(brokerPort)
            .buildAsync();
    this.http = HttpClient.newBuilder().sslContext(tls).build();
    this.qrs = qrs;
    this.user = user;
    this.topicFilter = topicFilter;
  }

  /** Connects with a clean session and subscribes at QoS 1, acknowledging by hand. */
  void startAndWait(Duration timeout) throws Exception {
    mqtt.connect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Mqtt5Subscribe subscribe =
        Mqtt5Subscribe.builder().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE).build();
    mqtt.subscribe(subscribe, this::forward, callbacks, true)
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void forward(Mqtt5Publish message) {
    // Blocking here holds back the MQTT client, and through it the broker: the bound.
    permits.acquireUninterruptibly();

    HttpRequest request;
    try {
      String id = UTF_8.decode(message.getPayload().orElseThrow()).toString().strip();
      request =
          HttpRequest.newBuilder(
                  qrs.resolve("/qrs/task/" + id + "/start/synchronous?xrfkey=" + XRFKEY))
              .header("X-Qlik-Xrfkey", XRFKEY)
              .header("X-Qlik-User", user)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
    } catch (RuntimeException e) {
      failed.increment();
      permits.release();
      message.acknowledge();
      return;
    }

    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              permits.release();
              if (failure != null) {
                failed.increment();
              } else if (response.statusCode() == 201) {
                answered.increment();
              } else {
                refused.increment();
              }
              message.acknowledge();
            });
  }

  /** Counts of what QRS answered: 201, another status, or no answer at all. */
  Map<String, Long> outcomes() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("201", answered.sum());
    counts.put("other-status", refused.sum());
    counts.put("no-answer", failed.sum());
    return counts;
  }

  @Override
  public void close() throws Exception {
    mqtt.disconnect().get(10, TimeUnit.SECONDS);
    callbacks.shutdown();
  }

  /**
   * A TLS context from the emulator's PKCS#12 client file and its root CA, with the JDK alone.
   *
   * @throws GeneralSecurityException if the files do not hold what they should
   */
  static SSLContext tls(Path clientPfx, char[] password, Path rootCa)
      throws GeneralSecurityException {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(clientPfx)) {
        keys.load(in, password);
      }
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);

      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(rootCa)) {
        trust.setCertificateEntry(
            "root", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + clientPfx + " or " + rootCa, e);
    }
  }
}
