/** Examples of embedding taskwire and of writing a trigger filter. */
@NullMarked
package dev.taskwire.examples;

import org.jspecify.annotations.NullMarked;
