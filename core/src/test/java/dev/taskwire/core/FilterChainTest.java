package dev.taskwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterChainTest {

  private static final TaskStartRequest REQUEST =
      TaskStartRequest.ofIds(TaskId.parse("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f"));
  private static final TriggerContext CONTEXT = TriggerContext.of("qliksense/start_task");

  @Test
  void runsFiltersByOrderThenName() {
    List<String> seen = new ArrayList<>();
    FilterChain chain =
        FilterChain.of(
            List.of(
                recording("b", 0, seen),
                recording("late", 10, seen),
                recording("a", 0, seen),
                recording("early", -5, seen)));

    chain.apply(REQUEST, CONTEXT);

    assertThat(seen).containsExactly("early", "a", "b", "late");
    assertThat(chain.names()).containsExactly("early", "a", "b", "late");
  }

  @Test
  void rejectionStopsTheChainAndNamesTheFilter() {
    List<String> seen = new ArrayList<>();
    FilterChain chain =
        FilterChain.of(
            List.of(
                fixed("deny", 1, FilterDecision.reject("not today")), recording("after", 2, seen)));

    FilterOutcome outcome = chain.apply(REQUEST, CONTEXT);

    assertThat(((FilterOutcome.Rejected) outcome).rejection())
        .isEqualTo(
            new Rejection(
                RejectReason.FILTER_REJECTED, "Filter 'deny' rejected the request: not today"));
    assertThat(seen).isEmpty();
  }

  @Test
  void skipStopsTheChainWithoutAnError() {
    FilterChain chain =
        FilterChain.of(List.of(fixed("debounce", 0, FilterDecision.skip("duplicate"))));

    FilterOutcome outcome = chain.apply(REQUEST, CONTEXT);

    assertThat(outcome).isEqualTo(new FilterOutcome.Skipped("Filter 'debounce': duplicate"));
  }

  @Test
  void throwingFilterRejectsOnlyThatRequest() {
    TriggerFilter broken = fixed("broken", 0, null);
    FilterChain chain = FilterChain.of(List.of(broken));

    FilterOutcome outcome = chain.apply(REQUEST, CONTEXT);

    assertThat(((FilterOutcome.Rejected) outcome).rejection().reason())
        .isEqualTo(RejectReason.FILTER_FAILED);
    assertThat(((FilterOutcome.Rejected) outcome).rejection().message())
        .isEqualTo("Filter 'broken' failed: NullPointerException");
  }

  @Test
  void laterFiltersSeeTheRewrittenRequest() {
    TaskStartRequest other = TaskStartRequest.of(new TaskSelector.ByName("other"));
    List<TaskStartRequest> seenByLast = new ArrayList<>();
    TriggerFilter last =
        new TriggerFilter() {
          public String name() {
            return "last";
          }

          public int order() {
            return 5;
          }

          public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
            seenByLast.add(request);
            return FilterDecision.accept();
          }
        };

    FilterOutcome outcome =
        FilterChain.of(List.of(fixed("rewrite", 0, FilterDecision.rewrite(other)), last))
            .apply(REQUEST, CONTEXT);

    assertThat(((FilterOutcome.Passed) outcome).request()).isEqualTo(other);
    assertThat(seenByLast).containsExactly(other);
  }

  @Test
  void discoversFiltersListedInServiceFiles() {
    FilterChain chain = FilterChain.discover(getClass().getClassLoader());

    assertThat(chain.names()).containsExactly("test-deny-retained");
    FilterOutcome outcome =
        chain.apply(
            REQUEST,
            new TriggerContext("qliksense/start_task", true, List.of(), java.time.Instant.now()));
    assertThat(((FilterOutcome.Rejected) outcome).rejection().reason())
        .isEqualTo(RejectReason.FILTER_REJECTED);
  }

  @Test
  void failsClearlyWhenAListedFilterCannotBeLoaded(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(TriggerFilter.class.getName()), "com.example.MissingFilter\n");

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> FilterChain.discover(loader))
          .isInstanceOf(TaskwireException.class)
          .hasMessageContaining("could not be loaded")
          .hasMessageContaining("com.example.MissingFilter");
    }
  }

  private static TriggerFilter recording(String name, int order, List<String> seen) {
    return new TriggerFilter() {
      public String name() {
        return name;
      }

      public int order() {
        return order;
      }

      public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
        seen.add(name);
        return FilterDecision.accept();
      }
    };
  }

  private static TriggerFilter fixed(String name, int order, FilterDecision decision) {
    return new TriggerFilter() {
      public String name() {
        return name;
      }

      public int order() {
        return order;
      }

      public FilterDecision apply(TaskStartRequest request, TriggerContext context) {
        return decision;
      }
    };
  }
}
