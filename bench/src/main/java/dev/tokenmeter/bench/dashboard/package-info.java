/**
 * Dashboard time-to-drawn of the web UI's 90-day overview in headless Chromium.
 */
@NullMarked
package dev.tokenmeter.bench.dashboard;

import org.jspecify.annotations.NullMarked;
