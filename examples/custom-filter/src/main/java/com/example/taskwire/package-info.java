/** An example trigger filter in a jar of its own, as a user would write one. */
@NullMarked
package com.example.taskwire;

import org.jspecify.annotations.NullMarked;
