package dev.taskwire.qrs.testkit;

import dev.taskwire.qrs.testkit.internal.Guids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A task the emulator knows: its id, name, type, tags, custom properties, whether it is enabled,
 * who may see it and the statuses an execution goes through once started.
 *
 * <p>Immutable; each fluent method returns a changed copy.
 *
 * <pre>{@code
 * EmulatedTask task =
 *     EmulatedTask.reload("0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f", "Reload sales")
 *         .tags("nightly")
 *         .customProperty("env", "prod")
 *         .visibleTo("INTERNAL\\sa_api")
 *         .execution(Duration.ofMillis(50), 2, 10, 8);
 * }</pre>
 */
public final class EmulatedTask {

  /** QRS's {@code taskType} of a reload task: {@value}. */
  public static final int RELOAD = 0;

  /** QRS's {@code taskType} of an external program task: {@value}. */
  public static final int EXTERNAL_PROGRAM = 1;

  /** The time between two statuses of an execution unless set: 50 milliseconds. */
  public static final Duration DEFAULT_STEP_DURATION = Duration.ofMillis(50);

  /** The statuses an execution goes through unless set: 2 Started, then 7 FinishedSuccess. */
  public static final List<Integer> DEFAULT_EXECUTION_STATUSES = List.of(2, 7);

  private static final int HIGHEST_STATUS = 14;

  private final String id;
  private final String name;
  private final int taskType;
  private final List<String> tags;
  private final List<CustomProperty> customProperties;
  private final boolean enabled;
  private final Set<String> visibleUsers;
  private final Duration stepDuration;
  private final List<Integer> executionStatuses;

  private EmulatedTask(
      String id,
      String name,
      int taskType,
      List<String> tags,
      List<CustomProperty> customProperties,
      boolean enabled,
      Set<String> visibleUsers,
      Duration stepDuration,
      List<Integer> executionStatuses) {
    this.id = id;
    this.name = name;
    this.taskType = taskType;
    this.tags = List.copyOf(tags);
    this.customProperties = List.copyOf(customProperties);
    this.enabled = enabled;
    this.visibleUsers = Set.copyOf(visibleUsers);
    this.stepDuration = stepDuration;
    this.executionStatuses = List.copyOf(executionStatuses);
  }

  /**
   * Creates an enabled reload task ({@code taskType} 0) visible to every user.
   *
   * @throws IllegalArgumentException if {@code id} is not a GUID or {@code name} is blank
   */
  public static EmulatedTask reload(String id, String name) {
    return create(id, name, RELOAD);
  }

  /**
   * Creates an enabled external program task ({@code taskType} 1) visible to every user.
   *
   * @throws IllegalArgumentException if {@code id} is not a GUID or {@code name} is blank
   */
  public static EmulatedTask externalProgram(String id, String name) {
    return create(id, name, EXTERNAL_PROGRAM);
  }

  private static EmulatedTask create(String id, String name, int taskType) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    if (!Guids.isGuid(id)) {
      throw new IllegalArgumentException(
          "Task id '" + id + "' is not a GUID like 0c7d4f2e-9b1a-4c3d-8e5f-6a7b8c9d0e1f");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("Task name of " + id + " is blank; give it a name");
    }
    return new EmulatedTask(
        Guids.normalize(id),
        name,
        taskType,
        List.of(),
        List.of(),
        true,
        Set.of(),
        DEFAULT_STEP_DURATION,
        DEFAULT_EXECUTION_STATUSES);
  }

  /** Returns a copy whose tags are exactly {@code tagNames}. */
  public EmulatedTask tags(String... tagNames) {
    List<String> copy = List.of(tagNames);
    return new EmulatedTask(
        id,
        name,
        taskType,
        copy,
        customProperties,
        enabled,
        visibleUsers,
        stepDuration,
        executionStatuses);
  }

  /** Returns a copy with one more custom property value; a property may hold several values. */
  public EmulatedTask customProperty(String propertyName, String value) {
    List<CustomProperty> copy = new ArrayList<>(customProperties);
    copy.add(new CustomProperty(propertyName, value));
    return new EmulatedTask(
        id, name, taskType, tags, copy, enabled, visibleUsers, stepDuration, executionStatuses);
  }

  /**
   * Returns a copy that is enabled or disabled. A disabled task answers a synchronous start with
   * the all-zero session id and does not run; an asynchronous start still answers 204.
   */
  public EmulatedTask enabled(boolean isEnabled) {
    return new EmulatedTask(
        id,
        name,
        taskType,
        tags,
        customProperties,
        isEnabled,
        visibleUsers,
        stepDuration,
        executionStatuses);
  }

  /**
   * Returns a copy that only the given users see; everyone else gets 404 as if the task did not
   * exist. Users are written <code>DIRECTORY&#92;userId</code> and compared case-insensitively. No
   * users means visible to everyone, the default.
   *
   * @throws IllegalArgumentException if a user is not written <code>DIRECTORY&#92;userId</code>
   */
  public EmulatedTask visibleTo(String... users) {
    for (String user : users) {
      Objects.requireNonNull(user, "user == null");
      int slash = user.indexOf('\\');
      if (slash < 1 || slash == user.length() - 1) {
        throw new IllegalArgumentException(
            "User '" + user + "' of task " + id + " is not written DIRECTORY\\userId");
      }
    }
    Set<String> copy =
        Arrays.stream(users).map(u -> u.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return new EmulatedTask(
        id, name, taskType, tags, customProperties, enabled, copy, stepDuration, executionStatuses);
  }

  /**
   * Returns a copy whose executions go through {@code statusCodes}, one every {@code stepDuration}
   * after the start; for example {@code (Duration.ofMillis(50), 2, 10, 8)} is Started, Retry,
   * FinishedFail. An execution whose last status is not final stays live until the task is stopped.
   *
   * @throws IllegalArgumentException if no status is given, a code is outside QRS's 0 to 14, or the
   *     step is negative
   */
  public EmulatedTask execution(Duration stepDuration, int... statusCodes) {
    Objects.requireNonNull(stepDuration, "stepDuration == null");
    if (stepDuration.isNegative()) {
      throw new IllegalArgumentException(
          "Execution step of task " + id + " is " + stepDuration + "; expected zero or more");
    }
    if (statusCodes.length == 0) {
      throw new IllegalArgumentException(
          "Execution of task " + id + " has no status; give at least one, such as 2, 7");
    }
    for (int code : statusCodes) {
      if (code < 0 || code > HIGHEST_STATUS) {
        throw new IllegalArgumentException(
            "Execution status " + code + " of task " + id + " is not a QRS status (0 to 14)");
      }
    }
    List<Integer> copy = Arrays.stream(statusCodes).boxed().collect(Collectors.toList());
    return new EmulatedTask(
        id, name, taskType, tags, customProperties, enabled, visibleUsers, stepDuration, copy);
  }

  /** The task's id, a lower-case GUID. */
  public String id() {
    return id;
  }

  /** The task's name. */
  public String name() {
    return name;
  }

  /** QRS's {@code taskType}: {@link #RELOAD} or {@link #EXTERNAL_PROGRAM}. */
  public int taskType() {
    return taskType;
  }

  /** The names of the task's tags, in the order given. */
  public List<String> tagNames() {
    return tags;
  }

  /** The task's custom property values, in the order given. */
  public List<CustomProperty> customProperties() {
    return customProperties;
  }

  /** Tells whether the task is enabled. */
  public boolean enabled() {
    return enabled;
  }

  /** The users who see the task, lower-cased; empty means everyone. */
  public Set<String> visibleUsers() {
    return visibleUsers;
  }

  /**
   * Tells whether {@code user} (<code>DIRECTORY&#92;userId</code>, or null for none) sees the task.
   */
  public boolean isVisibleTo(@Nullable String user) {
    return visibleUsers.isEmpty()
        || (user != null && visibleUsers.contains(user.toLowerCase(Locale.ROOT)));
  }

  /** The time between two statuses of an execution. */
  public Duration stepDuration() {
    return stepDuration;
  }

  /** The statuses an execution goes through, in order. */
  public List<Integer> executionStatuses() {
    return executionStatuses;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EmulatedTask that
        && id.equals(that.id)
        && name.equals(that.name)
        && taskType == that.taskType
        && tags.equals(that.tags)
        && customProperties.equals(that.customProperties)
        && enabled == that.enabled
        && visibleUsers.equals(that.visibleUsers)
        && stepDuration.equals(that.stepDuration)
        && executionStatuses.equals(that.executionStatuses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, taskType, tags, customProperties, enabled, visibleUsers);
  }

  @Override
  public String toString() {
    return "EmulatedTask[" + id + " '" + name + "' type " + taskType + "]";
  }

  /**
   * One value of a custom property on a task.
   *
   * @param name the custom property definition's name
   * @param value the value on this task
   */
  public record CustomProperty(String name, String value) {

    public CustomProperty {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
    }
  }
}
