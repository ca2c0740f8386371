package dev.taskwire.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.taskwire.core.TaskwireException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A section of a YAML configuration file, read with errors that name the full key, such as {@code
 * qrs.port}, and the value found.
 */
final class ConfigNode {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final JsonNode node;
  private final String path;
  private final Path baseDirectory;
  private final Function<String, String> environment;

  ConfigNode(JsonNode node, String path, Path baseDirectory, Function<String, String> environment) {
    this.node = node;
    this.path = path;
    this.baseDirectory = baseDirectory;
    this.environment = environment;
  }

  String path() {
    return path;
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  ConfigNode child(String name) {
    JsonNode value = node.get(name);
    if (value != null && !value.isNull() && !value.isObject()) {
      throw error(name, "must be a section of keys, found " + describe(value));
    }
    return new ConfigNode(
        value == null || value.isNull() ? MissingNode.getInstance() : value,
        key(name),
        baseDirectory,
        environment);
  }

  /** The child sections of a list, such as Butler's {@code headers.static}. */
  List<ConfigNode> list(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isValueNode()) {
      return List.of(new ConfigNode(value, key(name), baseDirectory, environment));
    }
    if (!value.isArray()) {
      throw error(name, "must be a list, found " + describe(value));
    }
    List<ConfigNode> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      items.add(
          new ConfigNode(value.get(i), key(name) + "[" + i + "]", baseDirectory, environment));
    }
    return items;
  }

  /** This node's own value when it is a plain value rather than a section. */
  Optional<String> scalar() {
    return node.isValueNode() ? Optional.of(node.asText()) : Optional.empty();
  }

  /** A list of plain strings; a single string counts as a list of one. */
  List<String> strings(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isValueNode()) {
      return List.of(value.asText());
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isValueNode()) {
        throw error(name, "must be a list of strings, found " + describe(item));
      }
      items.add(item.asText());
    }
    return items;
  }

  Optional<String> text(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw error(name, "must be a plain value, found " + describe(value));
    }
    return Optional.of(value.asText());
  }

  String requiredText(String name) {
    return text(name).filter(s -> !s.isBlank()).orElseThrow(() -> error(name, "is required"));
  }

  Optional<Integer> integer(String name) {
    return text(name)
        .map(
            text -> {
              try {
                return Integer.parseInt(text.trim());
              } catch (NumberFormatException e) {
                throw error(name, "must be a whole number, found '" + text + "'");
              }
            });
  }

  Optional<Boolean> bool(String name) {
    return text(name)
        .map(
            text ->
                switch (text.trim().toLowerCase(Locale.ROOT)) {
                  case "true", "yes", "on" -> true;
                  case "false", "no", "off" -> false;
                  default -> throw error(name, "must be true or false, found '" + text + "'");
                });
  }

  /** A duration written as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or ISO-8601. */
  Optional<Duration> duration(String name) {
    return text(name).map(text -> parseDuration(name, text.trim()));
  }

  /** A file path; a relative one is taken from the configuration file's folder. */
  Optional<Path> file(String name) {
    return text(name)
        .filter(s -> !s.isBlank())
        .map(s -> baseDirectory.resolve(s).toAbsolutePath().normalize());
  }

  /** A file path that must name an existing, readable file. */
  Optional<Path> existingFile(String name, String what) {
    return file(name)
        .map(
            file -> {
              if (!Files.isRegularFile(file)) {
                throw new TaskwireException(
                    what + " file " + file + " does not exist (" + key(name) + ")");
              }
              if (!Files.isReadable(file)) {
                throw new TaskwireException(
                    what + " file " + file + " is not readable (" + key(name) + ")");
              }
              return file;
            });
  }

  /**
   * A secret given as {@code name} inline, {@code nameEnv} (an environment variable's name) or
   * {@code nameFile} (a file whose first line is the secret). At most one of the three.
   */
  Optional<String> secret(String name) {
    List<String> given = new ArrayList<>();
    for (String variant : List.of(name, name + "Env", name + "File")) {
      if (has(variant)) {
        given.add(key(variant));
      }
    }
    if (given.size() > 1) {
      throw new TaskwireException("Give only one of " + String.join(", ", given));
    }
    if (has(name + "Env")) {
      String variable = requiredText(name + "Env");
      String value = environment.apply(variable);
      if (value == null) {
        throw new TaskwireException(
            "Environment variable " + variable + " is not set (" + key(name + "Env") + ")");
      }
      return Optional.of(value);
    }
    if (has(name + "File")) {
      Path file = existingFile(name + "File", "Secret").orElseThrow();
      try {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        return Optional.of(content.lines().findFirst().orElse("").strip());
      } catch (IOException e) {
        throw new TaskwireException("Could not read " + file + " (" + key(name + "File") + ")", e);
      }
    }
    return text(name);
  }

  /** Fails on any key not in {@code known}, so that a typo does not pass silently. */
  void requireOnly(Collection<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new TaskwireException(
            "Unknown setting " + key(name) + "; expected one of " + String.join(", ", known));
      }
    }
  }

  TaskwireException error(String name, String problem) {
    return new TaskwireException("Setting " + key(name) + " " + problem);
  }

  private Duration parseDuration(String name, String text) {
    Matcher matcher = SHORT_DURATION.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw error(name, "must be a duration such as 500ms, 10s, 5m or 1h, found '" + text + "'");
    }
  }

  private static String describe(JsonNode value) {
    return value.isObject() ? "a section" : value.isArray() ? "a list" : "'" + value.asText() + "'";
  }
}
