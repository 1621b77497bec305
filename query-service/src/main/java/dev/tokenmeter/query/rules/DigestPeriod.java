package dev.tokenmeter.query.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * The period a digest reports on: sent at {@code scheduledAt} (the latest local send time at or before
 * now), it covers the whole local days before the send day (yesterday for a daily digest, the seven
 * days before for a weekly one) and compares them with the period of equal length before.
 */
record DigestPeriod(Instant scheduledAt, Instant from, Instant to, Instant previousFrom) {

    static DigestPeriod latest(RuleSpec.Digest spec, Instant now) {
        ZonedDateTime local = now.atZone(spec.zone());
        int days = spec.cadence().days();
        LocalDate day = spec.cadence() == RuleSpec.Digest.Cadence.DAILY
                ? local.toLocalDate()
                : local.toLocalDate().with(TemporalAdjusters.previousOrSame(spec.day()));
        ZonedDateTime at = day.atTime(spec.at()).atZone(spec.zone());
        if (at.toInstant().isAfter(now)) {
            day = day.minusDays(days);
            at = day.atTime(spec.at()).atZone(spec.zone());
        }
        return new DigestPeriod(at.toInstant(), day.minusDays(days).atStartOfDay(spec.zone()).toInstant(),
                day.atStartOfDay(spec.zone()).toInstant(), day.minusDays(2L * days).atStartOfDay(spec.zone()).toInstant());
    }
}
