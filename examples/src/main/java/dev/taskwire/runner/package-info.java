/**
 * The standalone runner behind {@code taskwire.jar}: {@code demo}, {@code run --config FILE} and
 * {@code emulator}.
 */
@NullMarked
package dev.taskwire.runner;

import org.jspecify.annotations.NullMarked;
