package dev.taskwire.qrs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLookupTest {

  private static final String QUOTED = "0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f";
  private static final String SALES = "5a1b2c3d-4e5f-4a6b-9c7d-8e9fa0b1c2d3";
  private static final String COPY = "9f8e7d6c-5b4a-4321-8fed-cba987654321";
  private static final String QUOTED_NAME = "O'Brien \"daily\" reload & more";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private QrsEmulator emulator;
  private QrsCaller caller;

  @BeforeEach
  void startEmulator() {
    emulator =
        QrsEmulator.builder()
            .certificateDirectory(dir)
            .task(
                EmulatedTask.reload(QUOTED, QUOTED_NAME)
                    .tags("nightly")
                    .customProperty("env", "prod"))
            .task(
                EmulatedTask.reload(SALES, "Reload sales")
                    .tags("nightly", "finance")
                    .customProperty("env", "test")
                    .customProperty("region", "prod"))
            .task(EmulatedTask.externalProgram(COPY, "Copy files").enabled(false))
            .start();
    caller = QrsCaller.direct(emulator);
  }

  @AfterEach
  void stopEmulator() {
    emulator.close();
  }

  @Test
  void findsNameHoldingQuotesAndAmpersandWhenWholeFilterIsEncoded() {
    List<String> ids = ids("/qrs/task/full", "name eq 'O''Brien \"daily\" reload & more'");

    assertThat(ids).containsExactly(QUOTED);
  }

  @Test
  void comparesStringsWhateverTheirCase() {
    assertThat(ids("/qrs/task/full", "NAME EQ 'reload SALES'")).containsExactly(SALES);
  }

  @Test
  void findsByTag() {
    assertThat(ids("/qrs/task/full", "tags.name eq 'nightly'")).containsExactly(QUOTED, SALES);
    assertThat(ids("/qrs/task/full", "tags.name eq 'finance'")).containsExactly(SALES);
  }

  @Test
  void matchesCustomPropertyPairAcrossDifferentPropertiesAsQrsDoes() {
    String filter =
        "(customProperties.definition.name eq 'env') and (customProperties.value eq 'prod')";

    List<String> ids = ids("/qrs/task/full", filter);

    // SALES has env=test and region=prod: each clause matches a different property.
    assertThat(ids).containsExactly(QUOTED, SALES);
  }

  @Test
  void findsByStartEndAndSubstring() {
    assertThat(ids("/qrs/task/full", "name sw 'reload'")).containsExactly(SALES);
    assertThat(ids("/qrs/task/full", "name ew 'FILES'")).containsExactly(COPY);
    assertThat(ids("/qrs/task/full", "name so 'daily'")).containsExactly(QUOTED);
  }

  @Test
  void combinesWithAndOrAndParentheses() {
    String filter = "(name sw 'Reload' or name eq 'Copy files') and enabled eq true";

    assertThat(ids("/qrs/task/full", filter)).containsExactly(SALES);
    assertThat(
            ids("/qrs/task/full", "name sw 'Reload' or name eq 'Copy files' and enabled eq true"))
        .containsExactly(SALES);
  }

  @Test
  void findsByBareGuidTypeAndNull() {
    assertThat(ids("/qrs/task/full", "id eq " + COPY.toUpperCase())).containsExactly(COPY);
    assertThat(ids("/qrs/task/full", "taskType eq 1")).containsExactly(COPY);
    assertThat(ids("/qrs/task/full", "name ne null")).containsExactly(QUOTED, SALES, COPY);
    assertThat(ids("/qrs/task/full", "id ne " + COPY)).containsExactly(QUOTED, SALES);
  }

  @Test
  void listsEveryTaskWithoutFilterAndLimitsTypedPaths() {
    assertThat(ids("/qrs/task/full", null)).containsExactly(QUOTED, SALES, COPY);
    assertThat(ids("/qrs/reloadtask/full", null)).containsExactly(QUOTED, SALES);
    assertThat(ids("/qrs/externalprogramtask/full", null)).containsExactly(COPY);
    assertThat(ids("/qrs/task", null)).containsExactly(QUOTED, SALES, COPY);
  }

  @Test
  void answersEmptyArrayWhenNothingMatches() {
    HttpResponse<String> response = get("/qrs/reloadtask/full", "name eq 'nothing'");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[]");
  }

  @Test
  void countsMatches() throws Exception {
    HttpResponse<String> tagged = get("/qrs/task/count", "tags.name eq 'nightly'");
    HttpResponse<String> all = get("/qrs/externalprogramtask/count", null);

    assertThat(JSON.readTree(tagged.body()).get("value").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(all.body()).get("value").asInt()).isEqualTo(1);
  }

  @Test
  void refusesUnescapedQuote() {
    HttpResponse<String> response = get("/qrs/task/full", "name eq 'O'Brien daily'");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).startsWith("Cannot parse the expression: ");
  }

  @Test
  void refusesUnknownPropertyAndMismatchedValue() {
    assertThat(get("/qrs/task/full", "nmae eq 'x'").body())
        .startsWith("Cannot parse the expression: unknown property 'nmae'");
    assertThat(get("/qrs/task/count", "enabled eq 'yes'").statusCode()).isEqualTo(400);
    assertThat(get("/qrs/reloadtask/full", "name eq 'x' and").statusCode()).isEqualTo(400);
  }

  @Test
  void refusesUnencodedAmpersandInFilter() {
    HttpResponse<String> response =
        caller.get("/qrs/task/full?filter=name%20eq%20'Extract&Transform'");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("Missing parameter value(s)");
  }

  @Test
  void readsOneTaskInFullCamelCase() throws Exception {
    HttpResponse<String> response = caller.get("/qrs/reloadtask/" + SALES);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode task = JSON.readTree(response.body());
    assertThat(task.get("id").asText()).isEqualTo(SALES);
    assertThat(task.get("name").asText()).isEqualTo("Reload sales");
    assertThat(task.get("enabled").asBoolean()).isTrue();
    assertThat(task.get("taskType").asInt()).isZero();
    assertThat(task.get("tags").findValuesAsText("name")).containsExactly("nightly", "finance");
    assertThat(task.get("tags").get(0).get("id").asText()).hasSize(36);
    JsonNode property = task.get("customProperties").get(1);
    assertThat(property.get("definition").get("name").asText()).isEqualTo("region");
    assertThat(property.get("value").asText()).isEqualTo("prod");
    JsonNode last = task.get("operational").get("lastExecutionResult");
    assertThat(last.get("status").asInt()).isZero();
    assertThat(last.get("startTime").asText()).isEqualTo("1753-01-01T00:00:00.000Z");
    assertThat(last.get("duration").asLong()).isZero();
  }

  @Test
  void readsExternalProgramTaskOnlyUnderItsType() {
    assertThat(caller.get("/qrs/externalprogramtask/" + COPY).statusCode()).isEqualTo(200);
    assertThat(caller.get("/qrs/reloadtask/" + COPY).statusCode()).isEqualTo(404);
    assertThat(caller.get("/qrs/reloadtask/not-a-guid").statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> get(String path, String filter) {
    String query =
        filter == null
            ? ""
            : "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    return caller.get(path + query);
  }

  private List<String> ids(String path, String filter) {
    HttpResponse<String> response = get(path, filter);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    try {
      List<String> ids = new ArrayList<>();
      JSON.readTree(response.body()).forEach(task -> ids.add(task.get("id").asText()));
      return ids;
    } catch (java.io.IOException e) {
      throw new AssertionError("Not JSON: " + response.body(), e);
    }
  }
}
