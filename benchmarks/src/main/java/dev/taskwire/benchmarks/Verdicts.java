package dev.taskwire.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Taskwire's figures as ratios against the baseline's, and which targets they meet: issue 7's (p50
 * within 1.5x, throughput at least 80%, 0 lost at QoS 1, heap after the burst within 64 MiB) and
 * BENCHMARKS.md's stricter ones (1.2x, 90%).
 */
final class Verdicts {

  private static final double HEAP_LIMIT_MIB = 64;

  private Verdicts() {}

  /** Adds {@code ratios} and {@code targets} to {@code result}, read from its JSON form. */
  static void add(Map<String, Object> result, JsonNode figures) {
    JsonNode baseline = figures.path(SystemUnderTest.BASELINE);
    JsonNode taskwire = figures.path(SystemUnderTest.TASKWIRE);

    double p50 = ratio(taskwire, baseline, "latency", "p50Ms");
    double qos1 = ratio(taskwire, baseline, "qos1", "msgPerSecond");
    double qos0 = ratio(taskwire, baseline, "qos0", "msgPerSecond");
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put("p50", p50);
    ratios.put("p99", ratio(taskwire, baseline, "latency", "p99Ms"));
    ratios.put("throughputQos1", qos1);
    ratios.put("throughputQos0", qos0);
    result.put("ratios", ratios);

    boolean noneLost = taskwire.path("qos1").path("lost").asLong(-1) == 0;
    double heap = taskwire.path("afterBurst").path("heapUsedMiB").asDouble(Double.NaN);
    Map<String, Object> issue7 = new LinkedHashMap<>();
    issue7.put("p50Within1.5x", p50 <= 1.5);
    issue7.put("throughputAtLeast80%", qos1 >= 0.8);
    issue7.put("qos1NoneLost", noneLost);
    issue7.put("heapAfterBurstWithin64MiB", heap <= HEAP_LIMIT_MIB);
    Map<String, Object> strict = new LinkedHashMap<>();
    strict.put("p50Within1.2x", p50 <= 1.2);
    strict.put("throughputAtLeast90%", qos1 >= 0.9);
    strict.put("qos1NoneLost", noneLost);
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("issue7", issue7);
    targets.put("benchmarksMd", strict);
    result.put("targets", targets);
  }

  private static double ratio(JsonNode taskwire, JsonNode baseline, String phase, String field) {
    double ours = taskwire.path(phase).path(field).asDouble(Double.NaN);
    double theirs = baseline.path(phase).path(field).asDouble(Double.NaN);
    return theirs > 0 ? Math.round(ours / theirs * 1000) / 1000.0 : Double.NaN;
  }
}
