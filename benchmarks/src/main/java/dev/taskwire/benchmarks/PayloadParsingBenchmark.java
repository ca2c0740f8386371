package dev.taskwire.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.taskwire.core.ParseResult;
import dev.taskwire.core.PayloadParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What {@link PayloadParser#parse(byte[])} costs per message: a bare task ID (the common case), a
 * JSON object with parameters, and two bad payloads, one that is not an ID and one that is broken
 * JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PayloadParsingBenchmark {

  private static final String ID = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";

  private final PayloadParser parser = PayloadParser.create();
  private final byte[] bareId = (ID + "\n").getBytes(UTF_8);
  private final byte[] jsonObject =
      ("{\"taskId\": \"" + ID + "\", \"parameters\": {\"source\": \"erp\", \"batch\": 42}}")
          .getBytes(UTF_8);
  private final byte[] notAnId = "reload sales now".getBytes(UTF_8);
  private final byte[] brokenJson = ("{\"taskId\": \"" + ID + "\"").getBytes(UTF_8);

  @Benchmark
  public ParseResult bareId() {
    return parser.parse(bareId);
  }

  @Benchmark
  public ParseResult jsonObject() {
    return parser.parse(jsonObject);
  }

  @Benchmark
  public ParseResult badPayloadNotAnId() {
    return parser.parse(notAnId);
  }

  @Benchmark
  public ParseResult badPayloadBrokenJson() {
    return parser.parse(brokenJson);
  }
}
