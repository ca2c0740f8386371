package dev.taskwire.qrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskId;
import dev.taskwire.core.TaskInfo;
import dev.taskwire.core.TaskSelector;
import dev.taskwire.core.TaskwireException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskCatalog} holding a copy of QRS's task list ({@code GET /qrs/task/full}), loaded at
 * creation and refreshed in the background, so that filters can judge tags and custom properties
 * without a QRS call per message. A task created since the last refresh is unknown until the next.
 */
public final class QrsTaskCatalog implements TaskCatalog, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QrsTaskCatalog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QrsClient client;
  private final ScheduledExecutorService refresher;
  private volatile List<TaskInfo> tasks = List.of();
  private volatile boolean loaded;

  private QrsTaskCatalog(QrsClient client, Duration refreshInterval) {
    this.client = client;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "taskwire-catalog");
              thread.setDaemon(true);
              return thread;
            });
    long every = refreshInterval.toMillis();
    refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Loads the task list now and refreshes it every {@code refreshInterval}. A failed first load is
   * logged; until a load succeeds, {@link #resolve} throws, and filters using it reject requests.
   */
  public static QrsTaskCatalog load(QrsClient client, Duration refreshInterval) {
    QrsTaskCatalog catalog = new QrsTaskCatalog(client, refreshInterval);
    catalog.refresh();
    return catalog;
  }

  @Override
  public List<TaskInfo> resolve(TaskSelector selector) {
    if (!loaded) {
      throw new TaskwireException("The task list could not be read from QRS yet");
    }
    return tasks.stream().filter(task -> TaskCatalog.selects(selector, task)).toList();
  }

  /** Reads the task list again; on failure keeps the last copy. */
  public void refresh() {
    try {
      QrsResponse response =
          client
              .get("/qrs/task/full", Map.of())
              .get(client.config().requestTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
      if (!response.ok()) {
        log.warn(
            "Could not refresh the task list: QRS answered {} to GET /qrs/task/full",
            response.status());
        return;
      }
      tasks = parse(response.body());
      loaded = true;
      log.debug("Task list refreshed: {} tasks", tasks.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("Could not refresh the task list from QRS: {}", e.toString());
    }
  }

  private static List<TaskInfo> parse(String body) throws IOException {
    List<TaskInfo> parsed = new ArrayList<>();
    for (JsonNode task : JSON.readTree(body)) {
      var id = TaskId.tryParse(task.path("id").asText());
      if (id.isEmpty()) {
        continue;
      }
      Set<String> tags = new HashSet<>();
      task.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
      Map<String, List<String>> properties = new LinkedHashMap<>();
      for (JsonNode property : task.path("customProperties")) {
        properties
            .computeIfAbsent(
                property.path("definition").path("name").asText(), k -> new ArrayList<>())
            .add(property.path("value").asText());
      }
      parsed.add(new TaskInfo(id.get(), task.path("name").asText(), tags, properties));
    }
    return List.copyOf(parsed);
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
