/** Stopping operating-system processes (the one helper the launcher, the bench and the test stacks share) and daemon threads. */
@NullMarked
package dev.tokenmeter.process;

import org.jspecify.annotations.NullMarked;
