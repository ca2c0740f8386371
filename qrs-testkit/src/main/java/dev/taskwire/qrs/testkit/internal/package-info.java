/** Implementation details of the QRS emulator; not an API, may change in any release. */
@NullMarked
package dev.taskwire.qrs.testkit.internal;

import org.jspecify.annotations.NullMarked;
