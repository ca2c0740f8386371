/** Implementation details of the QRS client; not an API, may change in any release. */
@NullMarked
package dev.taskwire.qrs.internal;

import org.jspecify.annotations.NullMarked;
