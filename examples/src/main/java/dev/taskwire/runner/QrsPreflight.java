package dev.taskwire.runner;

import dev.taskwire.core.FailureKind;
import dev.taskwire.core.TaskStartResult;
import dev.taskwire.core.TaskwireException;
import dev.taskwire.qrs.QrsClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks QRS once, before the runner takes messages, whether it accepts the configured credential, so
 * that a wrong certificate or user fails the start instead of every trigger later.
 */
final class QrsPreflight {

  private static final Logger log = LoggerFactory.getLogger(QrsPreflight.class);
  // Long enough for a slow handshake, short enough not to hold up the start while QRS is down.
  private static final Duration WAIT = Duration.ofSeconds(15);

  private QrsPreflight() {}

  /**
   * Checks access; an unreachable QRS is logged and tolerated, since starts are retried and QRS may
   * come up later.
   *
   * @throws TaskwireException if QRS refused the credential or its certificate does not check out,
   *     which waiting will not mend
   */
  static void check(QrsClient client) {
    Optional<TaskStartResult.Failed> refused;
    try {
      refused = client.checkAccess().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn(
          "QRS at {} did not answer GET /qrs/about within {} s; starting anyway",
          client.config().baseUri(),
          WAIT.toSeconds());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException e) {
      // checkAccess never completes exceptionally.
      throw new IllegalStateException("The QRS access check failed unexpectedly", e.getCause());
    }
    if (refused.isEmpty()) {
      log.info(
          "QRS at {} accepts {} (GET /qrs/about)",
          client.config().baseUri(),
          client.config().user());
      return;
    }
    TaskStartResult.Failed failure = refused.get();
    if (failure.kind() == FailureKind.AUTHORISATION
        || failure.kind() == FailureKind.CONFIGURATION) {
      throw new TaskwireException(
          failure.message() + "; not starting, since this will not mend by itself");
    }
    log.warn(
        "{}; starting anyway: each start is retried while QRS cannot be reached",
        failure.message());
  }
}
