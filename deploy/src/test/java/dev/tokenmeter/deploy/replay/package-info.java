/** Tests of the dead-letter replay: flags, selection and fix-ups alone, and whole runs against a real broker. */
@NullMarked
package dev.tokenmeter.deploy.replay;

import org.jspecify.annotations.NullMarked;
