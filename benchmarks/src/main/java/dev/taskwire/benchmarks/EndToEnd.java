package dev.taskwire.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import dev.taskwire.qrs.testkit.EmulatedTask;
import dev.taskwire.qrs.testkit.EmulatorCertificates;
import dev.taskwire.qrs.testkit.QrsEmulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end harness: publishes on the Mosquitto broker at 127.0.0.1:1883, lets the system
 * under test start tasks on the QRS emulator over mutual TLS, and prints one JSON line with every
 * figure, for the bare {@link BoundedForwarder} first and taskwire second, and their ratios.
 *
 * <p>This process holds the publisher and the emulator; each system runs alone in a process of its
 * own ({@link SystemUnderTest}, started with the JVM's defaults), so that its heap and resident set
 * are its own. Everything stays on the loopback interface; every loop is bounded in count and time.
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.taskwire.benchmarks.EndToEnd
 * }</pre>
 *
 * System properties, all optional: {@code bench.latencyMessages} (300), {@code bench.seconds} (10),
 * {@code bench.window} (512), {@code bench.maxMessages} (100000 per phase), {@code
 * bench.sutJvmOptions} (none; for example {@code -XX:StartFlightRecording=filename=sut.jfr}).
 */
public final class EndToEnd {

  static final String BROKER_HOST = "127.0.0.1";
  static final int BROKER_PORT = 1883;

  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TASKS = 100_000;
  private static final int WARMUP_MESSAGES = 200;
  private static final Duration WARMUP_BURST = Duration.ofSeconds(3);

  private final int latencyMessages = Integer.getInteger("bench.latencyMessages", 300);
  private final Duration burst = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
  private final int window = Integer.getInteger("bench.window", 512);
  private final int maxMessages = Integer.getInteger("bench.maxMessages", 100_000);
  private final List<String> sutJvmOptions =
      Arrays.stream(System.getProperty("bench.sutJvmOptions", "").split("\\s+"))
          .filter(option -> !option.isEmpty())
          .toList();

  private final Path work;
  private final List<String> taskIds = taskIds(TASKS);
  private final Arrivals arrivals = new Arrivals();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "bench-sweeper");
            thread.setDaemon(true);
            return thread;
          });
  private int nextTask;

  private EndToEnd(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    // The JDK's HTTP server, under the QRS emulator, leaves Nagle's algorithm on unless told
    // otherwise; its responses then wait up to 40 ms for delayed ACKs, capping both systems near
    // 350 starts a second. It reads this property once, before the first server starts.
    System.setProperty(NODELAY, System.getProperty(NODELAY, "true"));
    Path work = Files.createTempDirectory("taskwire-bench-");
    Map<String, Object> result = new EndToEnd(work).run();
    System.out.println(JSON.writeValueAsString(result));
  }

  private Map<String, Object> run() throws Exception {
    List<EmulatedTask> tasks = new ArrayList<>(TASKS);
    for (int i = 0; i < taskIds.size(); i++) {
      tasks.add(EmulatedTask.reload(taskIds.get(i), "Bench task " + i));
    }
    String root = "taskwire-bench/" + UUID.randomUUID();

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("harness", "taskwire end-to-end (issue 7)");
    result.put("machine", machine());
    result.put("settings", settings());
    try (QrsEmulator emulator =
        QrsEmulator.builder()
            .certificateDirectory(work.resolve("certificates"))
            .tasks(tasks)
            .recordRequests(false)
            .onRequest(arrivals::onRequest)
            .start()) {
      Mqtt5AsyncClient publisher =
          MqttClient.builder()
              .useMqttVersion5()
              .identifier("bench-publisher-" + UUID.randomUUID())
              .serverHost(BROKER_HOST)
              .serverPort(BROKER_PORT)
              .buildAsync();
      publisher.connect().get(10, TimeUnit.SECONDS);
      try {
        // A throw-away baseline run warms this process (emulator, publisher) for both systems.
        warmRig(emulator, publisher, root + "/rig");
        for (String system : List.of(SystemUnderTest.BASELINE, SystemUnderTest.TASKWIRE)) {
          result.put(system, measure(system, emulator, publisher, root + "/" + system));
        }
      } finally {
        publisher.disconnect().get(10, TimeUnit.SECONDS);
      }
    } finally {
      scheduler.shutdownNow();
    }
    result.put(
        "emulator",
        Map.of("unexpectedRequests", arrivals.unexpected(), "not201", arrivals.notCreated()));
    result.put("logs", work.toString());
    Verdicts.add(result, JSON.valueToTree(result));
    return result;
  }

  private void warmRig(QrsEmulator emulator, Mqtt5AsyncClient publisher, String topicRoot)
      throws Exception {
    progress("rig: warming up the emulator and the publisher");
    try (SystemProcess sut =
        SystemProcess.start(
            sutJvmOptions,
            arguments(SystemUnderTest.BASELINE, emulator, topicRoot),
            work.resolve("rig.log"))) {
      sut.awaitReady(Duration.ofSeconds(60));
      LoadPhases phases =
          new LoadPhases(
              publisher, topicRoot + "/start_task", taskIds, nextTask, arrivals, scheduler);
      phases.sequential(WARMUP_MESSAGES);
      phases.sustained(MqttQos.AT_LEAST_ONCE, WARMUP_BURST, window, maxMessages);
      sut.stop();
      nextTask = phases.nextTask();
    }
  }

  private static List<String> arguments(String system, QrsEmulator emulator, String topicRoot) {
    EmulatorCertificates files = emulator.certificates();
    return List.of(
        system,
        emulator.baseUri().toString(),
        files.rootCa().toString(),
        files.clientCert().toString(),
        files.clientKey().toString(),
        files.clientPfx().toString(),
        files.pfxPassword(),
        BROKER_HOST,
        String.valueOf(BROKER_PORT),
        topicRoot);
  }

  private Map<String, Object> measure(
      String system, QrsEmulator emulator, Mqtt5AsyncClient publisher, String topicRoot)
      throws Exception {
    List<String> arguments = arguments(system, emulator, topicRoot);
    Map<String, Object> figures = new LinkedHashMap<>();
    progress(system + ": starting");
    long spawned = System.nanoTime();
    try (SystemProcess sut =
        SystemProcess.start(sutJvmOptions, arguments, work.resolve(system + ".log"))) {
      JsonNode ready = sut.awaitReady(Duration.ofSeconds(60));
      figures.put("startupMs", ready.get("startupMs"));
      figures.put("processStartToSubscribedMs", (System.nanoTime() - spawned) / 1_000_000);
      figures.put("jvmArgs", ready.get("jvmArgs"));

      LoadPhases phases =
          new LoadPhases(
              publisher, topicRoot + "/start_task", taskIds, nextTask, arrivals, scheduler);
      progress(system + ": warming up");
      phases.sequential(WARMUP_MESSAGES);
      phases.sustained(MqttQos.AT_LEAST_ONCE, WARMUP_BURST, window, maxMessages);
      figures.put("afterWarmup", sut.measure());

      progress(system + ": sequential latency");
      figures.put("latency", phases.sequential(latencyMessages));
      progress(system + ": throughput at QoS 0");
      figures.put("qos0", phases.sustained(MqttQos.AT_MOST_ONCE, burst, window, maxMessages));
      progress(system + ": throughput at QoS 1");
      figures.put("qos1", phases.sustained(MqttQos.AT_LEAST_ONCE, burst, window, maxMessages));
      figures.put("afterBurst", sut.measure());

      JsonNode stopped = sut.stop();
      figures.put("outcomes", stopped.get("outcomes"));
      nextTask = phases.nextTask();
    }
    return figures;
  }

  private Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    machine.put("harnessJvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
    return machine;
  }

  private Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("broker", BROKER_HOST + ":" + BROKER_PORT);
    settings.put(
        "warmup", WARMUP_MESSAGES + " sequential + " + WARMUP_BURST.toSeconds() + " s at QoS 1");
    settings.put("latencyMessages", latencyMessages);
    settings.put("burstSeconds", burst.toSeconds());
    settings.put("window", window);
    settings.put("maxMessagesPerPhase", maxMessages);
    settings.put("distinctTaskIds", TASKS);
    settings.put("sutJvmOptions", sutJvmOptions);
    settings.put("emulatorTcpNoDelay", System.getProperty(NODELAY));
    return settings;
  }

  /** {@code count} distinct, canonical task IDs. */
  private static List<String> taskIds(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(String.format("0b3e0000-0000-4000-8000-%012x", i));
    }
    return List.copyOf(ids);
  }

  private static void progress(String message) {
    System.err.println("[bench] " + message);
  }
}
