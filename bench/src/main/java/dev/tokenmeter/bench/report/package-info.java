/**
 * Report model, statistics (percentiles, Prometheus histogram quantiles) and the report writers:
 * Markdown, JSON and a PNG chart drawn with Java2D.
 */
@NullMarked
package dev.tokenmeter.bench.report;

import org.jspecify.annotations.NullMarked;
