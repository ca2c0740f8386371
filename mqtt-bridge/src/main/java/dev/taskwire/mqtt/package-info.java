/**
 * {@link dev.taskwire.mqtt.MqttTaskTrigger}: subscribes to an MQTT broker and starts Qlik Sense
 * tasks through a {@link dev.taskwire.core.TaskStarter} for each message on a task-start topic.
 */
@NullMarked
package dev.taskwire.mqtt;

import org.jspecify.annotations.NullMarked;
