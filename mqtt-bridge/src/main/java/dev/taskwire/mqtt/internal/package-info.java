/** Implementation details of the MQTT bridge; not an API, may change in any release. */
@NullMarked
package dev.taskwire.mqtt.internal;

import org.jspecify.annotations.NullMarked;
