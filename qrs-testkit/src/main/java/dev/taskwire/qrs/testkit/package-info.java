/**
 * An emulator of the Qlik Sense Repository Service (QRS) over real HTTPS, for tests.
 *
 * <p>{@link dev.taskwire.qrs.testkit.QrsEmulator} is the entry point; {@link
 * dev.taskwire.qrs.testkit.EmulatedTask} describes the tasks it knows, {@link
 * dev.taskwire.qrs.testkit.RecordedRequest} what it received and {@link
 * dev.taskwire.qrs.testkit.EmulatorCertificates} the certificate files a client needs.
 */
@NullMarked
package dev.taskwire.qrs.testkit;

import org.jspecify.annotations.NullMarked;
