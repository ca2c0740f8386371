/**
 * JMH benchmarks of payload parsing and the filter chain, and {@link
 * dev.taskwire.benchmarks.EndToEnd}, the end-to-end harness that measures taskwire against a bare
 * bounded forwarder through a real broker and the QRS emulator. Not an API.
 */
@NullMarked
package dev.taskwire.benchmarks;

import org.jspecify.annotations.NullMarked;
