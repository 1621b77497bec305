package dev.tokenmeter.query.range;

import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.Params;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Reads the contract's common time parameters: {@code tz} (IANA zone, default UTC), and either
 * {@code range} ({@code today, yesterday, Nd, mtd, ytd, all}) or {@code from} / {@code to} (RFC
 * 3339 instants, or dates taken as local midnight in {@code tz}). Without any, the range is
 * {@code 7d}. Day boundaries are local midnights: exact on 23- and 25-hour DST days.
 */
@Component
public class RangeParser {

    /** Default when a request names no range. */
    public static final String DEFAULT_RANGE = "7d";
    /** Earliest instant {@code range=all} reaches back to. */
    static final Instant ALL_FROM = Instant.parse("2000-01-01T00:00:00Z");
    /** Accepted bounds of from and to: far beyond any usage data, well inside what PostgreSQL stores. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final Pattern DAYS = Pattern.compile("([1-9][0-9]{0,3})d");

    private final Clock clock;

    public RangeParser(Clock clock) {
        this.clock = clock;
    }

    public TimeRange parse(MultiValueMap<String, String> params) {
        ZoneId zone = zone(Params.single(params, "tz"));
        String range = Params.single(params, "range");
        String from = Params.single(params, "from");
        String to = Params.single(params, "to");
        if (range != null && (from != null || to != null)) {
            throw new BadParameter("range", "give either range or from/to, not both");
        }
        if (from == null && to == null) {
            return preset(range == null ? DEFAULT_RANGE : range, zone);
        }
        Instant end = to == null ? tomorrow(zone) : instant("to", to, zone);
        if (from == null) {
            throw new BadParameter("from", "is required when to is given");
        }
        Instant start = instant("from", from, zone);
        if (!start.isBefore(end)) {
            throw new BadParameter("from", "must be before to");
        }
        return new TimeRange(start, end, zone);
    }

    public ZoneId zone(@Nullable String tz) {
        if (tz == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new BadParameter("tz", "'" + tz + "' is not an IANA time zone such as Europe/Berlin or America/New_York");
        }
    }

    private TimeRange preset(String range, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant tomorrow = midnight(today.plusDays(1), zone);
        Matcher days = DAYS.matcher(range);
        if (days.matches()) {
            return new TimeRange(midnight(today.plusDays(1).minusDays(Integer.parseInt(days.group(1))), zone), tomorrow, zone);
        }
        return switch (range) {
            case "today" -> new TimeRange(midnight(today, zone), tomorrow, zone);
            case "yesterday" -> new TimeRange(midnight(today.minusDays(1), zone), midnight(today, zone), zone);
            case "mtd" -> new TimeRange(midnight(today.withDayOfMonth(1), zone), tomorrow, zone);
            case "ytd" -> new TimeRange(midnight(today.with(TemporalAdjusters.firstDayOfYear()), zone), tomorrow, zone);
            case "all" -> new TimeRange(ALL_FROM, tomorrow, zone);
            default -> throw new BadParameter("range",
                    "'" + range + "' is not one of today, yesterday, 7d, 30d, 90d (any Nd up to 9999d), mtd, ytd, all");
        };
    }

    private Instant tomorrow(ZoneId zone) {
        return midnight(LocalDate.now(clock.withZone(zone)).plusDays(1), zone);
    }

    private static Instant instant(String name, String value, ZoneId zone) {
        Instant instant;
        try {
            instant = value.length() == 10
                    ? midnight(LocalDate.parse(value), zone)
                    // An unencoded '+' of an offset arrives as a space: read it as the '+' it was meant to be.
                    : OffsetDateTime.parse(value.replace(' ', '+'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new BadParameter(name,
                    "'" + value + "' is neither a date (2026-11-01) nor an RFC 3339 time with offset (2026-11-01T00:00:00Z)");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadParameter(name, "must lie between 1970-01-01 and 2200-01-01");
        }
        return instant;
    }

    /** Local midnight, or the first instant of the day where a DST gap swallows midnight. */
    static Instant midnight(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }
}
