package dev.taskwire.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskwire.core.FilterChain;
import dev.taskwire.core.FilterOutcome;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskStartRequest;
import dev.taskwire.core.TriggerContext;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example filter, built into a jar of its own by examples/custom-filter, is found on the class
 * path without code changes: the runner discovers it through ServiceLoader.
 */
class CustomFilterJarTest {

  private static final Path FILTER_JAR = Path.of("custom-filter/target/business-hours-filter.jar");

  @Test
  void discoversTheFilterInItsOwnJarAndLetsItDecide() throws Exception {
    assertThat(FILTER_JAR).exists();
    System.setProperty("taskwire.example.opens", "00:00");
    System.setProperty("taskwire.example.closes", "00:00");
    try (URLClassLoader withJar =
        new URLClassLoader(new URL[] {FILTER_JAR.toUri().toURL()}, getClass().getClassLoader())) {
      FilterChain chain = FilterSettings.fromTaskwire(emptyFilters(), () -> null, withJar);
      TaskStartRequest request =
          TaskStartRequest.ofIds(TaskId.parse("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f"));
      TaskStartRequest urgent = new TaskStartRequest(request.selector(), Map.of("urgent", "true"));

      FilterOutcome normal = chain.apply(request, TriggerContext.of("qliksense/start_task"));
      FilterOutcome rushed = chain.apply(urgent, TriggerContext.of("qliksense/start_task"));

      assertThat(chain.names()).containsExactly("business-hours");
      assertThat(normal).isInstanceOf(FilterOutcome.Rejected.class);
      assertThat(((FilterOutcome.Rejected) normal).rejection().message())
          .contains("Outside business hours");
      assertThat(rushed).isInstanceOf(FilterOutcome.Passed.class);
    } finally {
      System.clearProperty("taskwire.example.opens");
      System.clearProperty("taskwire.example.closes");
    }
  }

  private static ConfigNode emptyFilters() throws Exception {
    Path empty = Files.createTempDirectory("filters");
    return new ConfigNode(
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
        "filters",
        empty,
        name -> null);
  }
}
