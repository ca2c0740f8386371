package dev.taskwire.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.taskwire.core.FilterChain;
import dev.taskwire.core.TaskCatalog;
import dev.taskwire.core.TaskStarter;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.mqtt.MqttTaskTrigger;
import dev.taskwire.mqtt.MqttTaskTriggerBuilder;
import dev.taskwire.mqtt.metrics.MicrometerTriggerMetrics;
import dev.taskwire.qrs.QrsAuthentication;
import dev.taskwire.qrs.QrsConfig;
import dev.taskwire.qrs.QrsTaskCatalog;
import dev.taskwire.qrs.QrsTaskStarter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a runner configuration file, in taskwire's own format (top-level key {@code taskwire}) or
 * Butler's (top-level key {@code Butler}), onto the same builders that embedding code uses.
 */
final class RunnerConfig implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunnerConfig.class);
  private static final Duration CATALOG_REFRESH = Duration.ofMinutes(1);

  final String format;
  final QrsTaskStarter starter;
  final MqttTaskTrigger trigger;
  final @Nullable StatusEndpoint endpoint;
  private final List<AutoCloseable> resources;

  /**
   * Where the runner serves health and metrics, when {@code http.port} is set.
   *
   * @param host the address to listen on (loopback by default)
   * @param port the port
   * @param registry the registry the trigger's metrics go to
   */
  record StatusEndpoint(String host, int port, PrometheusMeterRegistry registry) {}

  private RunnerConfig(
      String format,
      QrsTaskStarter starter,
      MqttTaskTrigger trigger,
      List<AutoCloseable> resources,
      @Nullable StatusEndpoint endpoint) {
    this.format = format;
    this.starter = starter;
    this.trigger = trigger;
    this.resources = resources;
    this.endpoint = endpoint;
  }

  /**
   * Reads {@code file}; secrets named by {@code ...Env} keys are looked up in {@code environment}.
   */
  static RunnerConfig load(Path file, Function<String, String> environment, ClassLoader loader) {
    Path absolute = file.toAbsolutePath().normalize();
    JsonNode root = parse(absolute);
    Path base = absolute.getParent();
    if (root.has("taskwire")) {
      return taskwire(new ConfigNode(root.get("taskwire"), "", base, environment), loader);
    }
    if (root.has("Butler")) {
      return butler(new ConfigNode(root.get("Butler"), "Butler", base, environment), loader);
    }
    throw new TaskwireException(
        "Configuration file "
            + absolute
            + " has neither a 'taskwire' nor a 'Butler' section at the top");
  }

  private static RunnerConfig taskwire(ConfigNode root, ClassLoader loader) {
    root.requireOnly(List.of("mqtt", "qrs", "trigger", "filters", "http"));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MqttTaskTriggerBuilder builder =
        MqttTaskTrigger.builder().metrics(new MicrometerTriggerMetrics(registry, "taskwire"));
    ConfigNode mqtt = root.child("mqtt");
    TriggerSettings.applyMqtt(mqtt, builder);
    TriggerSettings.applyTrigger(root.child("trigger"), builder);
    List<ConfigNode> routes = RouteSettings.read(mqtt);

    // One starter, and one circuit breaker, for every topic: they all reach the same QRS.
    QrsTaskStarter starter = QrsSettings.starter(root.child("qrs"));
    TaskStarter guarded = TriggerSettings.guarded(root.child("trigger"), starter);
    List<AutoCloseable> resources = new ArrayList<>();
    Supplier<TaskCatalog> catalog = catalog(starter, resources);
    // The filters section guards every way in: the task-start topic and each route alike.
    FilterChain common = FilterSettings.fromTaskwire(root.child("filters"), catalog, loader);
    if (mqtt.has("taskStartTopic")) {
      builder.taskStarter(guarded).filters(common);
    }
    for (ConfigNode route : routes) {
      builder.route(RouteSettings.route(route, guarded, common, catalog));
    }
    ConfigNode http = root.child("http");
    http.requireOnly(List.of("host", "port"));
    StatusEndpoint endpoint =
        http.integer("port")
            .map(port -> new StatusEndpoint(http.text("host").orElse("127.0.0.1"), port, registry))
            .orElse(null);
    return new RunnerConfig("taskwire", starter, builder.build(), resources, endpoint);
  }

  private static RunnerConfig butler(ConfigNode butler, ClassLoader loader) {
    ConfigNode mqtt = butler.child("mqttConfig");
    if (!mqtt.bool("enable").orElse(false)) {
      throw new TaskwireException(
          "MQTT is not enabled in this Butler file (Butler.mqttConfig.enable); taskwire has nothing to listen to");
    }
    QrsTaskStarter starter = QrsTaskStarter.create(butlerQrs(butler));
    List<AutoCloseable> resources = new ArrayList<>();

    MqttTaskTriggerBuilder builder =
        MqttTaskTrigger.builder()
            .broker(mqtt.requiredText("brokerHost"), mqtt.integer("brokerPort").orElse(1883))
            .rootTopicFilter(mqtt.requiredText("subscriptionRootTopic"))
            .taskStartTopic(mqtt.requiredText("taskStartTopic"))
            .taskStarter(starter)
            .filters(FilterSettings.fromButler(butler, catalog(starter, resources), loader));
    return new RunnerConfig("Butler", starter, builder.build(), resources, null);
  }

  private static QrsConfig butlerQrs(ConfigNode butler) {
    ConfigNode qrs = butler.child("configQRS");
    ConfigNode cert = butler.child("cert");
    QrsConfig.Builder config =
        QrsConfig.builder()
            .host(qrs.requiredText("host"))
            .port(qrs.integer("port").orElse(QrsConfig.DEFAULT_DIRECT_PORT))
            .authentication(
                QrsAuthentication.pem(
                    cert.existingFile("clientCert", "Client certificate")
                        .orElseThrow(() -> cert.error("clientCert", "is required")),
                    cert.existingFile("clientCertKey", "Client key")
                        .orElseThrow(() -> cert.error("clientCertKey", "is required")),
                    null));
    Optional<Path> rootCa = cert.existingFile("clientCertCA", "Root CA");
    rootCa.ifPresent(config::rootCa);
    if (rootCa.isEmpty() && qrs.bool("rejectUnauthorized").orElse(true)) {
      throw cert.error(
          "clientCertCA", "is required to verify QRS's certificate (root.pem of the QMC export)");
    }

    for (ConfigNode header : qrs.child("headers").list("static")) {
      if ("X-Qlik-User".equalsIgnoreCase(header.text("name").orElse(""))) {
        String[] user = XQlikUser.parse(header.requiredText("value"), header.key("value"));
        config.user(user[0], user[1]);
      }
    }
    if (!qrs.bool("rejectUnauthorized").orElse(true)) {
      log.warn(
          "Butler.configQRS.rejectUnauthorized is false: the QRS server certificate will not be"
              + " verified, as in Butler. Set it to true once Butler.cert.clientCertCA is right.");
      config.trustAnyServerCertificate(true);
    }
    return config.build();
  }

  private static Supplier<TaskCatalog> catalog(
      QrsTaskStarter starter, List<AutoCloseable> resources) {
    return () -> {
      QrsTaskCatalog catalog = QrsTaskCatalog.load(starter.client(), CATALOG_REFRESH);
      resources.add(catalog);
      return catalog;
    };
  }

  private static JsonNode parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TaskwireException("Configuration file " + file + " does not exist (--config)");
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new TaskwireException("Configuration file " + file + " holds no YAML mapping");
      }
      return root;
    } catch (JsonProcessingException e) {
      // Only the problem and where it is: the parser's own message quotes the offending line,
      // which may hold a secret.
      String problem = e.getOriginalMessage().lines().findFirst().orElse("syntax error").strip();
      var where = e.getLocation();
      String at =
          where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      throw new TaskwireException(
          "Configuration file " + file + " is not valid YAML" + at + ": " + problem, e);
    } catch (IOException e) {
      throw new TaskwireException(
          "Configuration file " + file + " could not be read: " + e.getMessage(), e);
    }
  }

  /** Starts the health and metrics endpoint when {@code http.port} is set; returns null if not. */
  @Nullable StatusServer startStatusServer() {
    if (endpoint == null) {
      return null;
    }
    StatusServer server =
        StatusServer.start(endpoint.host(), endpoint.port(), trigger, endpoint.registry());
    resources.add(0, server);
    return server;
  }

  @Override
  public void close() {
    trigger.close();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        log.debug("Closing {} failed", resource, e);
      }
    }
    starter.close();
  }
}
