package dev.tokenmeter.query.log;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of one CSV export ({@code tokenmeter.query.export.*}).
 *
 * @param maxRows  most rows one export may hold: one that would hold more (counted before it starts)
 *                 is a 400 asking for a shorter range or more filters
 * @param deadline longest one export may stream; past it the download is cut off (the response ends
 *                 without its last chunk, so clients see an incomplete transfer, never a short file)
 */
@ConfigurationProperties("tokenmeter.query.export")
record ExportSettings(@DefaultValue("1000000") long maxRows, @DefaultValue("10m") Duration deadline) {
}
