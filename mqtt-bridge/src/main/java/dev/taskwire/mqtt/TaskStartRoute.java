package dev.taskwire.mqtt;

import dev.taskwire.core.FilterChain;
import dev.taskwire.core.TaskStarter;
import java.util.Objects;

/**
 * One task-start topic of a trigger, with the starter and the filters that serve it.
 *
 * <pre>{@code
 * TaskStartRoute route = new TaskStartRoute("qliksense/start_task", starter, FilterChain.empty(), false);
 * }</pre>
 *
 * @param topicFilter the topic, or a topic filter with {@code +} or {@code #}; it must lie under
 *     the trigger's root subscription
 * @param starter starts the tasks that messages on this topic name
 * @param filters run on every request from this topic before it is started
 * @param idFromTopic take the task ID from the last level of the topic (for example {@code
 *     qliksense/start/<id>}) instead of from the payload; the payload is then ignored
 */
public record TaskStartRoute(
    String topicFilter, TaskStarter starter, FilterChain filters, boolean idFromTopic) {

  public TaskStartRoute {
    Objects.requireNonNull(topicFilter, "topicFilter == null");
    Objects.requireNonNull(starter, "starter == null");
    Objects.requireNonNull(filters, "filters == null");
  }
}
