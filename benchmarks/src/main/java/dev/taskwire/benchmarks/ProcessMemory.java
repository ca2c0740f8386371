package dev.taskwire.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Reads how much memory this process holds: heap after a full collection, direct buffers, threads,
 * and resident set; and, where the JVM tracks it, its native memory summary.
 */
final class ProcessMemory {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final double MIB = 1024.0 * 1024.0;

  private ProcessMemory() {}

  /**
   * Collects garbage, then returns heap used and committed and the resident set size, in MiB.
   * {@code System.gc()} is a request; with the JDK's default collectors it runs a full collection.
   */
  static Map<String, Object> figures() {
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("heapUsedMiB", round(heap.getUsed() / MIB));
    figures.put("heapCommittedMiB", round(heap.getCommitted() / MIB));
    figures.put("rssMiB", round(residentKiB() / 1024.0));
    figures.put("directBuffersMiB", round(directBufferBytes() / MIB));
    figures.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
    return figures;
  }

  /**
   * The JVM's own split of what it committed ({@code jcmd <pid> VM.native_memory summary}), or
   * nothing when it runs without {@code -XX:NativeMemoryTracking=summary}.
   */
  static Optional<String> nativeMemorySummary() {
    try {
      Object summary =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "vmNativeMemory",
                  new Object[] {new String[] {"summary", "scale=MB"}},
                  new String[] {String[].class.getName()});
      String text = String.valueOf(summary);
      return text.contains("Native Memory Tracking:") ? Optional.of(text) : Optional.empty();
    } catch (JMException e) {
      return Optional.empty();
    }
  }

  private static long directBufferBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }

  /** VmRSS from /proc/self/status, in KiB; -1 where there is no /proc (not Linux). */
  static long residentKiB() {
    if (!Files.isReadable(STATUS)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").strip());
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + STATUS, e);
    }
  }

  static double round(double value) {
    return Math.round(value * 10.0) / 10.0;
  }
}
