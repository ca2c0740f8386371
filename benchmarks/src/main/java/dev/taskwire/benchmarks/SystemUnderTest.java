package dev.taskwire.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.mqtt.MqttTaskTrigger;
import dev.taskwire.mqtt.MqttTaskTriggerBuilder;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskStarter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The process that holds the system under test, alone: taskwire (a trigger and a QRS starter) or
 * the {@link BoundedForwarder}. {@link EndToEnd} starts it, so that its heap and resident set hold
 * nothing but the system, and drives it over standard input and output, one line each way:
 *
 * <ul>
 *   <li>it prints {@code ready {json}} once subscribed, with the start-up time;
 *   <li>{@code measure} prints {@code figures {json}}: heap after a collection, direct buffers,
 *       threads and RSS, and writes the native memory summary to the log where the JVM tracks it;
 *   <li>{@code stop} (or the end of input) closes the system and prints {@code stopped {json}} with
 *       the outcomes counted, then the process ends.
 * </ul>
 *
 * Arguments: {@code taskwire|baseline qrsBaseUri rootCa clientCert clientKey clientPfx pfxPassword
 * brokerHost brokerPort topicRoot}. Logging goes to standard error.
 */
public final class SystemUnderTest {

  static final String TASKWIRE = "taskwire";
  static final String BASELINE = "baseline";
  static final String QRS_USER_DIRECTORY = "INTERNAL";
  static final String QRS_USER_ID = "svc_taskwire";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private SystemUnderTest() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 10) {
      throw new IllegalArgumentException(
          "Expected 10 arguments (see the class documentation), got " + args.length);
    }
    PrintStream out = new PrintStream(System.out, true, UTF_8);
    String system = args[0];
    URI qrs = URI.create(args[1]);
    Path rootCa = Path.of(args[2]);
    String brokerHost = args[7];
    int brokerPort = Integer.parseInt(args[8]);
    String topicRoot = args[9];

    // Start-up counts from the first builder call to "subscribed".
    long began = System.nanoTime();
    Running running;
    if (system.equals(TASKWIRE)) {
      running =
          taskwire(
              qrs, rootCa, Path.of(args[3]), Path.of(args[4]), brokerHost, brokerPort, topicRoot);
    } else if (system.equals(BASELINE)) {
      running = baseline(qrs, rootCa, Path.of(args[5]), args[6], brokerHost, brokerPort, topicRoot);
    } else {
      throw new IllegalArgumentException(
          "System '" + system + "' is neither " + TASKWIRE + " nor " + BASELINE);
    }
    long startupNanos = System.nanoTime() - began;

    Map<String, Object> ready = new LinkedHashMap<>();
    ready.put("startupMs", ProcessMemory.round(startupNanos / 1e6));
    ready.put("jvmUptimeAtReadyMs", ManagementFactory.getRuntimeMXBean().getUptime());
    ready.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
    out.println("ready " + JSON.writeValueAsString(ready));

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("measure")) {
        out.println("figures " + JSON.writeValueAsString(ProcessMemory.figures()));
        // With -XX:NativeMemoryTracking=summary in bench.sutJvmOptions, the split goes to the log.
        ProcessMemory.nativeMemorySummary().ifPresent(System.err::println);
      } else if (line.equals("stop")) {
        break;
      }
    }
    running.close();
    out.println("stopped " + JSON.writeValueAsString(Map.of("outcomes", running.outcomes().get())));
  }

  private static Running taskwire(
      URI qrs,
      Path rootCa,
      Path clientCert,
      Path clientKey,
      String brokerHost,
      int brokerPort,
      String topicRoot) {
    QrsTaskStarter starter =
        QrsTaskStarter.create(
            QrsConfig.builder()
                .baseUri(qrs)
                .authentication(QrsAuthentication.pem(clientCert, clientKey, null))
                .rootCa(rootCa)
                .user(QRS_USER_DIRECTORY, QRS_USER_ID)
                .build());

    // Defaults throughout, but for the session: a clean one that the broker drops on disconnect,
    // so that runs leave nothing behind on the shared broker. Neither touches the message path.
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    MqttTaskTriggerBuilder builder = MqttTaskTrigger.builder();
    // For diagnosis only: -Dbench.duplicateWindowMs=0 turns taskwire's duplicate guard off.
    String duplicateWindow = System.getProperty("bench.duplicateWindowMs");
    if (duplicateWindow != null) {
      builder.duplicateWindow(Duration.ofMillis(Long.parseLong(duplicateWindow)));
    }
    MqttTaskTrigger trigger =
        builder
            .broker(brokerHost, brokerPort)
            .cleanStart(true)
            .sessionExpiry(Duration.ZERO)
            .rootTopicFilter(topicRoot + "/#")
            .taskStartTopic(topicRoot + "/start_task")
            .taskStarter(starter)
            .listener(
                outcome ->
                    outcomes.computeIfAbsent(outcome.code(), c -> new LongAdder()).increment())
            .build();
    trigger.startAndWait(START_TIMEOUT);

    return new Running(
        () -> {
          trigger.close();
          starter.close();
        },
        () -> counts(outcomes));
  }

  private static Running baseline(
      URI qrs,
      Path rootCa,
      Path clientPfx,
      String pfxPassword,
      String brokerHost,
      int brokerPort,
      String topicRoot)
      throws Exception {
    BoundedForwarder forwarder =
        new BoundedForwarder(
            brokerHost,
            brokerPort,
            topicRoot + "/start_task",
            qrs,
            BoundedForwarder.tls(clientPfx, pfxPassword.toCharArray(), rootCa),
            "UserDirectory=" + QRS_USER_DIRECTORY + "; UserId=" + QRS_USER_ID);
    forwarder.startAndWait(START_TIMEOUT);
    return new Running(forwarder::close, forwarder::outcomes);
  }

  private static Map<String, Long> counts(Map<String, LongAdder> adders) {
    Map<String, Long> counts = new LinkedHashMap<>();
    adders.forEach((code, adder) -> counts.put(code, adder.sum()));
    return counts;
  }

  /** A started system: how to stop it, and what it counted. */
  private record Running(AutoCloseable closer, Supplier<Map<String, Long>> outcomes) {
    void close() throws Exception {
      closer.close();
    }
  }
}
