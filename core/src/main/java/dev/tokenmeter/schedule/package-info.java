/** Background work of the services that runs on a schedule while their application context runs. */
@NullMarked
package dev.tokenmeter.schedule;

import org.jspecify.annotations.NullMarked;
