/**
 * A client of the Qlik Sense Repository Service (QRS) on {@code java.net.http}, and {@link
 * dev.taskwire.qrs.QrsTaskStarter}, the {@link dev.taskwire.core.TaskStarter} that starts tasks
 * through it.
 */
@NullMarked
package dev.taskwire.qrs;

import org.jspecify.annotations.NullMarked;
