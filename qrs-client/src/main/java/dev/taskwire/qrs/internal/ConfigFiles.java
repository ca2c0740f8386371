package dev.taskwire.qrs.internal;

import dev.taskwire.core.TaskwireException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the certificate files named in a QRS configuration before they are parsed, so that a wrong
 * path fails at configuration time with a message naming the file's role, its absolute path and the
 * setting, never later as a TLS error.
 */
public final class ConfigFiles {

  private ConfigFiles() {}

  /**
   * Checks that {@code file} is a readable regular file.
   *
   * @param role what the file is, such as {@code Client certificate}
   * @param setting the configuration key that named it, such as {@code qrs.clientCert}
   * @throws TaskwireException such as "Client certificate file /etc/qlik/client.pem does not exist
   *     (qrs.clientCert)"
   */
  public static void requireReadable(Path file, String role, String setting) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      throw new TaskwireException(role + " file " + absolute + " does not exist (" + setting + ")");
    }
    if (!Files.isRegularFile(absolute)) {
      throw new TaskwireException(
          role + " file " + absolute + " is not a regular file (" + setting + ")");
    }
    if (!Files.isReadable(absolute)) {
      throw new TaskwireException(
          role + " file " + absolute + " cannot be read by this process (" + setting + ")");
    }
  }
}
