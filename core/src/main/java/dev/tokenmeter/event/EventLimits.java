package dev.tokenmeter.event;

import java.time.Duration;

/**
 * The acceptance window and size limit of the contract.
 *
 * @param lateWindow     how old an event's {@code time} may be (default 35 days); also the
 *                       minimum length of the dedup window
 * @param futureSkew     how far ahead of the receiver's clock {@code time} may be (default 5 min)
 * @param maxRecordBytes the largest accepted record, in bytes (default 64 KiB)
 */
public record EventLimits(Duration lateWindow, Duration futureSkew, int maxRecordBytes) {

    public static final EventLimits DEFAULT = new EventLimits(Duration.ofDays(35), Duration.ofMinutes(5), 64 * 1024);
}
