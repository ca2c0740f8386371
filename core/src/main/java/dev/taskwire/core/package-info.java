/**
 * The taskwire API: requests to start Qlik Sense tasks, their results, the {@link
 * dev.taskwire.core.TaskStarter} that carries them out, payload parsing and the {@link
 * dev.taskwire.core.TriggerFilter} plug-in interface.
 */
@NullMarked
package dev.taskwire.core;

import org.jspecify.annotations.NullMarked;
