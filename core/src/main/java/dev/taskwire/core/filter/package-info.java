/**
 * Built-in {@link dev.taskwire.core.TriggerFilter}s: allow and deny lists, debounce, rate limit and
 * time windows. Each is thread-safe and can be set up from the runner's configuration file.
 */
@NullMarked
package dev.taskwire.core.filter;

import org.jspecify.annotations.NullMarked;
