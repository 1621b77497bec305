/**
 * Alert rules beside budgets: usage rules (a measure over a window against a threshold, with
 * hysteresis and a "resolved" notice), spend anomaly watches (spend against the same weekday or hour
 * of the last four weeks) and digests (a daily or weekly summary at a local time). Their notices go
 * through the budgets' alert outbox and channels.
 */
@NullMarked
package dev.tokenmeter.query.rules;

import org.jspecify.annotations.NullMarked;
