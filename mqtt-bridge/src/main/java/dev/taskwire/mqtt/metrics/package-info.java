/**
 * Metrics through Micrometer. Micrometer is an optional dependency of taskwire: add {@code
 * io.micrometer:micrometer-core} to use this package; nothing else in taskwire needs it.
 */
@NullMarked
package dev.taskwire.mqtt.metrics;

import org.jspecify.annotations.NullMarked;
