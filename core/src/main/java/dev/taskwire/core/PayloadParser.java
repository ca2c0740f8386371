package dev.taskwire.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.taskwire.core.internal.Text;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the bytes of a trigger message into a {@link TaskStartRequest}. Thread-safe.
 *
 * <p>The accepted grammar, after UTF-8 decoding:
 *
 * <ul>
 *   <li>A zero-byte payload is ignored (it is how a retained message is cleared).
 *   <li>A leading byte-order mark, and surrounding white space, line ends and NUL characters are
 *       dropped; nothing else is left is {@code empty}.
 *   <li>A bare task ID: a GUID with hyphens in either case, optionally inside one pair of double
 *       quotes, single quotes or braces ({@code {...}} is how .NET writes a GUID).
 *   <li>A JSON array of task IDs: {@code ["id1", "id2"]}.
 *   <li>A JSON object with exactly one way to name tasks: {@code taskId} and/or {@code taskIds},
 *       {@code taskName}, {@code tag}, or {@code customProperty} ({@code {"name": ..., "value":
 *       ...}}); plus optional {@code parameters}, an object of string values passed on to the
 *       starter. Any other field is rejected as {@code unknown-field}.
 * </ul>
 *
 * Task IDs are always passed on in canonical form (lower case) and each at most once.
 */
public final class PayloadParser {

  /** The default payload limit: {@value} bytes. Task-start payloads are a few dozen bytes. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

  /** How deep JSON may nest before it is rejected: {@value}. */
  static final int MAX_JSON_DEPTH = 16;

  private static final int ECHO_LIMIT = 80;
  private static final int BRACED_GUID_LENGTH = 38;
  private static final List<String> KNOWN_FIELDS =
      List.of("taskId", "taskIds", "taskName", "tag", "customProperty", "parameters");

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build());
  }

  private final int maxPayloadBytes;

  private PayloadParser(int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** Returns a parser with the {@linkplain #DEFAULT_MAX_PAYLOAD_BYTES default} size limit. */
  public static PayloadParser create() {
    return new PayloadParser(DEFAULT_MAX_PAYLOAD_BYTES);
  }

  /** Returns a parser that rejects payloads larger than {@code maxPayloadBytes}. */
  public static PayloadParser withLimit(int maxPayloadBytes) {
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be at least 1, was " + maxPayloadBytes);
    }
    return new PayloadParser(maxPayloadBytes);
  }

  /** Parses {@code payload}; never throws for bad input. */
  public ParseResult parse(byte[] payload) {
    return parse(ByteBuffer.wrap(payload));
  }

  /** Parses the remaining bytes of {@code payload} without consuming them; never throws. */
  public ParseResult parse(ByteBuffer payload) {
    int size = payload.remaining();
    if (size == 0) {
      return new ParseResult.Ignored("empty");
    }
    if (size > maxPayloadBytes) {
      return reject(
          RejectReason.PAYLOAD_TOO_LARGE,
          "Payload of " + size + " bytes exceeds the limit of " + maxPayloadBytes + " bytes");
    }

    String text;
    try {
      text = strictUtf8().decode(payload.duplicate()).toString();
    } catch (CharacterCodingException e) {
      return reject(RejectReason.NOT_UTF8, "Payload is not valid UTF-8");
    }

    String trimmed = trim(text);
    if (trimmed.isEmpty()) {
      return reject(RejectReason.EMPTY, "Payload holds only white space");
    }

    char first = trimmed.charAt(0);
    boolean bracedGuid = first == '{' && trimmed.length() == BRACED_GUID_LENGTH;
    if (!bracedGuid && (first == '{' || first == '[' || first == '"')) {
      return parseJson(trimmed);
    }
    return parseBareId(trimmed);
  }

  private static ParseResult parseBareId(String text) {
    String inner = unwrap(text, '\'', '\'');
    inner = unwrap(inner, '{', '}');
    Optional<TaskId> id = TaskId.tryParse(inner);
    if (id.isEmpty()) {
      return reject(
          RejectReason.INVALID_TASK_ID,
          "Payload '" + Text.preview(text, ECHO_LIMIT) + "' is not a task ID (expected a GUID)");
    }
    return new ParseResult.Parsed(TaskStartRequest.ofIds(id.get()));
  }

  private static ParseResult parseJson(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return reject(
          RejectReason.MALFORMED_JSON, "Payload is not valid JSON: " + e.getOriginalMessage());
    }

    if (root.isTextual()) {
      return parseBareId(root.textValue().strip());
    }
    if (root.isArray()) {
      List<TaskId> ids = new ArrayList<>();
      Optional<ParseResult.Rejected> bad = readIds(root, "payload", ids);
      return bad.isPresent() ? bad.get() : new ParseResult.Parsed(TaskStartRequest.ofIds(ids));
    }
    return parseObject(root);
  }

  private static ParseResult parseObject(JsonNode root) {
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN_FIELDS.contains(name)) {
        return reject(
            RejectReason.UNKNOWN_FIELD,
            "Unknown field '"
                + Text.preview(name, ECHO_LIMIT)
                + "' in JSON payload; expected one of "
                + String.join(", ", KNOWN_FIELDS));
      }
    }

    Map<String, String> parameters = new LinkedHashMap<>();
    JsonNode params = root.get("parameters");
    if (params != null) {
      if (!params.isObject()) {
        return reject(RejectReason.MALFORMED_JSON, "Field 'parameters' must be a JSON object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
          return reject(
              RejectReason.MALFORMED_JSON,
              "Parameter '" + Text.preview(entry.getKey(), ECHO_LIMIT) + "' must be a plain value");
        }
        parameters.put(entry.getKey(), entry.getValue().asText());
      }
    }

    List<String> ways = new ArrayList<>();
    if (root.has("taskId") || root.has("taskIds")) {
      ways.add("taskId/taskIds");
    }
    for (String field : List.of("taskName", "tag", "customProperty")) {
      if (root.has(field)) {
        ways.add(field);
      }
    }
    if (ways.isEmpty()) {
      return reject(
          RejectReason.MISSING_TASK,
          "JSON payload names no task; give taskId, taskIds, taskName, tag or customProperty");
    }
    if (ways.size() > 1) {
      return reject(
          RejectReason.MISSING_TASK,
          "JSON payload names tasks in more than one way (" + String.join(", ", ways) + ")");
    }

    return selectorOf(root)
        .map(
            selector ->
                (ParseResult) new ParseResult.Parsed(new TaskStartRequest(selector, parameters)))
        .orElseGet(() -> selectorError(root));
  }

  private static Optional<TaskSelector> selectorOf(JsonNode root) {
    if (root.has("taskName")) {
      return text(root.get("taskName")).map(TaskSelector.ByName::new);
    }
    if (root.has("tag")) {
      return text(root.get("tag")).map(TaskSelector.ByTag::new);
    }
    if (root.has("customProperty")) {
      JsonNode property = root.get("customProperty");
      Optional<String> name = text(property.get("name"));
      Optional<String> value = text(property.get("value"));
      if (name.isEmpty() || value.isEmpty() || property.size() != 2) {
        return Optional.empty();
      }
      return Optional.of(new TaskSelector.ByCustomProperty(name.get(), value.get()));
    }

    List<TaskId> ids = new ArrayList<>();
    JsonNode single = root.get("taskId");
    if (single != null) {
      Optional<TaskId> id =
          single.isTextual() ? TaskId.tryParse(single.textValue().strip()) : Optional.empty();
      if (id.isEmpty()) {
        return Optional.empty();
      }
      ids.add(id.get());
    }
    JsonNode many = root.get("taskIds");
    if (many != null && readIds(many, "taskIds", ids).isPresent()) {
      return Optional.empty();
    }
    return ids.isEmpty() ? Optional.empty() : Optional.of(new TaskSelector.ById(ids));
  }

  private static ParseResult selectorError(JsonNode root) {
    if (root.has("customProperty")) {
      return reject(
          RejectReason.MALFORMED_JSON,
          "Field 'customProperty' must be an object with string fields 'name' and 'value' only");
    }
    for (String field : List.of("taskName", "tag")) {
      if (root.has(field)) {
        return reject(
            RejectReason.MALFORMED_JSON, "Field '" + field + "' must be a non-blank string");
      }
    }
    if (root.has("taskIds")) {
      Optional<ParseResult.Rejected> bad =
          readIds(root.get("taskIds"), "taskIds", new ArrayList<>());
      if (bad.isPresent()) {
        return bad.get();
      }
    }
    JsonNode single = root.get("taskId");
    String shown = single == null ? "" : Text.preview(single.toString(), ECHO_LIMIT);
    return reject(
        RejectReason.INVALID_TASK_ID, "Field 'taskId' value " + shown + " is not a task ID");
  }

  /**
   * Adds the IDs in {@code array} to {@code into}; returns the error if {@code array} is not a
   * non-empty array of task ID strings.
   */
  private static Optional<ParseResult.Rejected> readIds(
      JsonNode array, String where, List<TaskId> into) {
    if (!array.isArray() || array.isEmpty()) {
      return Optional.of(
          reject(
              RejectReason.MISSING_TASK, "'" + where + "' must be a non-empty array of task IDs"));
    }
    for (JsonNode node : array) {
      Optional<TaskId> id =
          node.isTextual() ? TaskId.tryParse(node.textValue().strip()) : Optional.empty();
      if (id.isPresent()) {
        into.add(id.get());
      } else {
        return Optional.of(
            reject(
                RejectReason.INVALID_TASK_ID,
                "Value "
                    + Text.preview(node.toString(), ECHO_LIMIT)
                    + " in '"
                    + where
                    + "' is not a task ID"));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> text(JsonNode node) {
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(node.textValue().strip());
  }

  private static String unwrap(String text, char open, char close) {
    int last = text.length() - 1;
    if (last > 0 && text.charAt(0) == open && text.charAt(last) == close) {
      return text.substring(1, last).strip();
    }
    return text;
  }

  /** Drops a leading byte-order mark and surrounding white space, line ends and NULs. */
  private static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isPadding(text.charAt(start))) {
      start++;
    }
    while (end > start && isPadding(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isPadding(char c) {
    return c == '\uFEFF' || c == '\0' || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static CharsetDecoder strictUtf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static ParseResult.Rejected reject(RejectReason reason, String message) {
    return new ParseResult.Rejected(new Rejection(reason, message));
  }
}
