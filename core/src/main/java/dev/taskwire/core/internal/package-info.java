/** Implementation details of taskwire core; not an API, may change in any release. */
@NullMarked
package dev.taskwire.core.internal;

import org.jspecify.annotations.NullMarked;
