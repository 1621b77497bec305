package dev.tokenmeter.query.usage;

import static dev.tokenmeter.query.usage.UnitsFromRollupsIT.units;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.query.UsageTables;
import dev.tokenmeter.query.usage.RawEvents.Event;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Questions about users read the whole UTC days of their range from the daily rows by user (V25) and only
 * the edges from raw events: their answers equal the raw events' in every zone, at mid-day range edges, for
 * events without a user and under user filters, and a whole day inside the range is really read from the
 * daily rows. The same holds for their units (the daily units rows by user of V28).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789")
@WithInfrastructure
class UserRollupIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(UserRollupIT.class);
    static final Instant FIRST = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant LAST = Instant.parse("2026-03-21T00:00:00Z");
    static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "America/New_York");
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static List<Event> events;

    @LocalServerPort
    int port;

    @BeforeAll
    static void load(@org.springframework.beans.factory.annotation.Autowired org.flywaydb.core.Flyway flyway) throws Exception {
        events = RawEvents.generate(new Random(19), List.of("acme", "globex"), List.<Instant[]>of(new Instant[] {FIRST, LAST}), 12_000);
        try (Connection connection = connect()) {
            RawEvents.insert(connection, events, FIRST.minus(Duration.ofDays(31)), LAST.plus(Duration.ofDays(31)));
            // Two of three events carry units: web searches (priced on even events) and, on some, unpriced images.
            try (var statement = connection.createStatement()) {
                statement.execute("""
                        UPDATE usage_event SET
                            units = CASE WHEN substr(id, 2)::int % 3 = 1 THEN NULL
                                         ELSE jsonb_build_object('webSearches', substr(id, 2)::int % 5 + 1)
                                              || CASE WHEN substr(id, 2)::int % 4 = 1 THEN '{"images": 2}'::jsonb ELSE '{}'::jsonb END END,
                            unit_costs = CASE WHEN substr(id, 2)::int % 3 <> 1 AND substr(id, 2)::int % 2 = 0
                                              THEN jsonb_build_object('webSearches', (substr(id, 2)::int % 5 + 1) * 0.01) END""");
            }
            UsageTables.rebuildRollups(connection, FIRST.minus(Duration.ofDays(31)), LAST.plus(Duration.ofDays(31)));
        }
    }

    @Test
    void unitsByUserEqualTheRawEventsInEveryZoneAndAtMidDayEdges() throws Exception {
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            for (Instant[] range : ranges(zone)) {
                String context = zoneId + " " + range[0] + ".." + range[1];
                JsonNode breakdown = get(uri("breakdown", zone, range).queryParam("by", "user").queryParam("limit", 10));
                Map<String, Map<String, List<Object>>> expected = rawUnits(range, "user_id", "true");
                assertThat(expected).as(context + " has units of events without a user").containsKey("null");
                Map<String, Map<String, List<Object>>> answered = new TreeMap<>();
                for (JsonNode row : breakdown.get("rows")) {
                    answered.put(row.get("key").isNull() ? "null" : row.get("key").stringValue(), units(row.get("units")));
                }
                assertThat(answered).as(context + " units per user").isEqualTo(expected);
                assertThat(units(breakdown.get("total").get("units"))).as(context + " total units")
                        .isEqualTo(rawUnits(range, "NULL", "true").get("null"));
                assertThat(units(get(uri("summary", zone, range).queryParam("user", "u1", "u3")).get("units")))
                        .as(context + " units of users u1, u3").isEqualTo(rawUnits(range, "NULL", "user_id IN ('u1', 'u3')").get("null"));
                assertThat(units(get(uri("summary", zone, range).queryParam("user", "").queryParam("status", "success")).get("units")))
                        .as(context + " units without a user, successes")
                        .isEqualTo(rawUnits(range, "NULL", "user_id IS NULL AND status = 'success'").get("null"));
            }
        }
    }

    /**
     * Proof that the whole days of units by user come from the daily units rows (V28): a change to one day's row
     * shows in the answer, only where that day is whole in the range; the rebuild puts the exact row back.
     */
    @Test
    void wholeDaysOfUnitsByUserComeFromTheDailyUnitsRowsAndTheRebuildKeepsThemExact() throws Exception {
        ZoneId utc = ZoneId.of("UTC");
        Instant[] range = {Instant.parse("2026-03-04T10:00:00Z"), Instant.parse("2026-03-08T10:00:00Z")};
        Instant[] withinDay = {Instant.parse("2026-03-06T01:00:00Z"), Instant.parse("2026-03-06T23:00:00Z")};
        Map<String, List<Object>> before = rawUnits(range, "user_id", "true").get("u1");
        Map<String, List<Object>> beforeWithinDay = rawUnits(withinDay, "user_id", "true").get("u1");
        try (Connection connection = connect()) {
            try (var update = connection.prepareStatement("""
                    UPDATE usage_unit_dim_rollup_1d SET quantity = quantity + 1000
                    WHERE tenant = 'acme' AND dim = 'user' AND value = 'u1' AND bucket_start = ? AND status = 'success'
                      AND unit = 'webSearches'""")) {
                update.setTimestamp(1, Timestamp.from(Instant.parse("2026-03-06T00:00:00Z")));
                assertThat(update.executeUpdate()).as("u1's web searches row of 6 March").isEqualTo(1);
            }
            assertThat(units(userRow(get(uri("breakdown", utc, range).queryParam("by", "user")), "u1").get("units"))
                    .get("webSearches").get(0)).as("the whole 6 March comes from its daily units row")
                    .isEqualTo(((java.math.BigInteger) before.get("webSearches").get(0)).add(java.math.BigInteger.valueOf(1000)));
            assertThat(units(userRow(get(uri("breakdown", utc, withinDay).queryParam("by", "user")), "u1").get("units")))
                    .as("part of a day comes from raw events").isEqualTo(beforeWithinDay);
            rebuild(connection, range[0], range[1]);
        }
        assertThat(units(userRow(get(uri("breakdown", utc, range).queryParam("by", "user")), "u1").get("units")))
                .as("u1's units after the rebuild").isEqualTo(before);
    }

    /** The raw events' units of acme in the range per key ("null" for none), summed in SQL: {key: {unit: [quantity, cost, unpriced]}}. */
    private static Map<String, Map<String, List<Object>>> rawUnits(Instant[] range, String key, String where) throws Exception {
        Map<String, Map<String, List<Object>>> result = new TreeMap<>();
        try (Connection connection = connect();
                var statement = connection.prepareStatement("SELECT coalesce(" + key + ", 'null'), u.key, sum(u.value::numeric),"
                        + " sum(coalesce((unit_costs ->> u.key)::numeric, 0)),"
                        + " sum(CASE WHEN jsonb_exists(coalesce(unit_costs, '{}'), u.key) THEN 0 ELSE u.value::numeric END)"
                        + " FROM usage_event CROSS JOIN LATERAL jsonb_each_text(units) AS u(key, value)"
                        + " WHERE tenant = 'acme' AND event_time >= ? AND event_time < ? AND " + where + " GROUP BY 1, 2")) {
            statement.setTimestamp(1, Timestamp.from(range[0]));
            statement.setTimestamp(2, Timestamp.from(range[1]));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.computeIfAbsent(rows.getString(1), k -> new TreeMap<>()).put(rows.getString(2),
                            List.of(rows.getBigDecimal(3).toBigIntegerExact(), rows.getBigDecimal(4).stripTrailingZeros(),
                                    rows.getBigDecimal(5).toBigIntegerExact()));
                }
            }
        }
        return result;
    }

    /** Ranges of local whole days, ranges with mid-day edges, and one shorter than a day (raw events only). */
    static List<Instant[]> ranges(ZoneId zone) {
        LocalDate start = LocalDate.of(2026, 3, 3);
        return List.of(
                new Instant[] {start.atStartOfDay(zone).toInstant(), start.plusDays(9).atStartOfDay(zone).toInstant()},
                new Instant[] {Instant.parse("2026-03-04T10:17:31.500Z"), Instant.parse("2026-03-11T05:02:00Z")},
                new Instant[] {Instant.parse("2026-03-02T23:59:59Z"), Instant.parse("2026-03-16T00:00:01Z")},
                new Instant[] {FIRST, LAST},
                new Instant[] {Instant.parse("2026-03-05T03:00:00Z"), Instant.parse("2026-03-05T21:30:00Z")},
                tightRange());
    }

    /**
     * From acme's first event of 4 March to just after its last of 10 March: no event of the tenant lies in the rest
     * of either edge day, so both edges are read from the days' rows by user instead of raw events (as the last day
     * of a range that ends now).
     */
    static Instant[] tightRange() {
        Instant dayFrom = Instant.parse("2026-03-04T00:00:00Z");
        Instant dayTo = Instant.parse("2026-03-10T00:00:00Z");
        List<Instant> first = events.stream().filter(e -> e.tenant().equals("acme") && !e.time().isBefore(dayFrom)
                && e.time().isBefore(dayFrom.plus(Duration.ofDays(1)))).map(Event::time).sorted().toList();
        List<Instant> last = events.stream().filter(e -> e.tenant().equals("acme") && !e.time().isBefore(dayTo)
                && e.time().isBefore(dayTo.plus(Duration.ofDays(1)))).map(Event::time).sorted().toList();
        return new Instant[] {first.get(0), last.get(last.size() - 1).plusMillis(1)};
    }

    @Test
    void theBreakdownByUserEqualsTheRawEventsInEveryZoneAndAtMidDayEdges() {
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            for (Instant[] range : ranges(zone)) {
                for (boolean percentiles : List.of(true, false)) {
                    String context = zoneId + " " + range[0] + ".." + range[1] + (percentiles ? "" : " without percentiles");
                    JsonNode breakdown = get(uri("breakdown", zone, range).queryParam("by", "user").queryParam("limit", 10)
                            .queryParam("percentiles", percentiles));
                    Map<String, List<Event>> groups = byUser(range, e -> true);
                    assertThat(groups).as(context + " has events without a user").containsKey("null");
                    JsonNode rows = breakdown.get("rows");
                    assertThat(rows.size()).as(context + " one row per user and one for none").isEqualTo(groups.size());
                    for (JsonNode row : rows) {
                        String key = row.get("key").isNull() ? "null" : row.get("key").stringValue();
                        assertThat(groups).as(context + " key " + key).containsKey(key);
                        Expected.of(groups.get(key)).assertMatches(row, context + " row " + key, percentiles);
                        Instant lastSeen = groups.get(key).stream().map(Event::time).max(Instant::compareTo).orElseThrow();
                        assertThat(Instant.parse(row.get("lastSeen").stringValue())).as(context + " lastSeen of " + key)
                                .isEqualTo(lastSeen.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
                    }
                    Expected.of(matching(range, e -> true)).assertMatches(breakdown.get("total"), context + " total", percentiles);
                }
            }
        }
    }

    @Test
    void aTopTwoBreakdownFoldsTheOtherUsersAsTheRawEventsDo() {
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        Instant[] range = ranges(zone).get(1);
        JsonNode breakdown = get(uri("breakdown", zone, range).queryParam("by", "user").queryParam("limit", 2)
                .queryParam("sort", "requests"));
        Map<String, List<Event>> groups = byUser(range, e -> true);
        List<String> shown = new ArrayList<>();
        for (JsonNode row : breakdown.get("rows")) {
            String key = row.get("key").isNull() ? "null" : row.get("key").stringValue();
            shown.add(key);
            Expected.of(groups.get(key)).assertMatches(row, "row " + key);
        }
        assertThat(shown).hasSize(2);
        Expected.of(matching(range, e -> !shown.contains(String.valueOf(e.user())))).assertMatches(breakdown.get("other"), "other");
    }

    /**
     * The ranking of a breakdown by user (UsageQuery.rankKeys) orders the users as the raw events do under every sort, in
     * every zone and at mid-day range edges (the tight range's edges from the days' rows), the row without a user
     * included; the users past the limit are "other" with the rest's figures and latest time.
     */
    @Test
    void theRankingByUserUnderEverySortEqualsTheRawEventsInEveryZoneAndAtMidDayEdges() {
        Map<String, java.util.function.Function<List<Event>, Double>> sorts = new java.util.LinkedHashMap<>();
        sorts.put("cost", group -> cost(group).doubleValue());
        sorts.put("requests", group -> (double) group.size());
        sorts.put("tokens", group -> (double) group.stream().mapToLong(e -> e.input() + e.output()).sum());
        sorts.put("lastSeen", group -> (double) java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH,
                group.stream().map(Event::time).max(Instant::compareTo).orElseThrow()));
        sorts.put("errorRate", group -> (double) group.stream().filter(e -> !e.status().equals("success")).count() / group.size());
        sorts.put("latency", group -> group.stream().filter(e -> e.latencyMs() != null).mapToLong(Event::latencyMs).average()
                .orElse(-1));
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            for (Instant[] range : ranges(zone)) {
                Map<String, List<Event>> groups = byUser(range, e -> true);
                for (var sort : sorts.entrySet()) {
                    String context = zoneId + " " + range[0] + ".." + range[1] + " sort=" + sort.getKey();
                    List<String> expected = groups.keySet().stream()
                            .sorted(java.util.Comparator.<String, Double>comparing(k -> sort.getValue().apply(groups.get(k)))
                                    .reversed()
                                    .thenComparing(k -> cost(groups.get(k)), java.util.Comparator.reverseOrder())
                                    .thenComparing(k -> k.equals("null") ? "" : k)
                                    .thenComparing(k -> k.equals("null")))
                            .limit(2)
                            .toList();
                    JsonNode breakdown = get(uri("breakdown", zone, range).queryParam("by", "user").queryParam("limit", 2)
                            .queryParam("sort", sort.getKey()).queryParam("percentiles", false));
                    List<String> shown = new ArrayList<>();
                    for (JsonNode row : breakdown.get("rows")) {
                        String key = row.get("key").isNull() ? "null" : row.get("key").stringValue();
                        shown.add(key);
                        Expected.of(groups.get(key)).assertMatches(row, context + " row " + key, false);
                    }
                    assertThat(shown).as(context + " users in order").isEqualTo(expected);
                    List<Event> rest = matching(range, e -> !shown.contains(String.valueOf(e.user())));
                    assertThat(rest).as(context + " some users are folded").isNotEmpty();
                    JsonNode other = breakdown.get("other");
                    Expected.of(rest).assertMatches(other, context + " other", false);
                    assertThat(Instant.parse(other.get("lastSeen").stringValue())).as(context + " other's lastSeen")
                            .isEqualTo(rest.stream().map(Event::time).max(Instant::compareTo).orElseThrow()
                                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
                }
            }
        }
    }

    private static java.math.BigDecimal cost(List<Event> group) {
        return group.stream().map(Event::cost).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    }

    @Test
    void userFiltersAndTheUserPickerEqualTheRawEvents() {
        for (String zoneId : ZONES) {
            ZoneId zone = ZoneId.of(zoneId);
            for (Instant[] range : ranges(zone)) {
                String context = zoneId + " " + range[0] + ".." + range[1];
                Expected.of(matching(range, e -> "u1".equals(e.user()) || "u3".equals(e.user())))
                        .assertMatches(get(uri("summary", zone, range).queryParam("user", "u1", "u3")), context + " users u1, u3");
                Expected.of(matching(range, e -> e.user() == null))
                        .assertMatches(get(uri("summary", zone, range).queryParam("user", "")), context + " without a user");
                JsonNode byStatus = get(uri("breakdown", zone, range).queryParam("by", "status").queryParam("user", "u2"));
                for (JsonNode row : byStatus.get("rows")) {
                    String status = row.get("key").stringValue();
                    Expected.of(matching(range, e -> "u2".equals(e.user()) && e.status().equals(status)))
                            .assertMatches(row, context + " u2 " + status);
                }
                List<String> values = new ArrayList<>();
                get(uri("values/user", zone, range)).get("values").forEach(v -> values.add(v.stringValue()));
                assertThat(values).as(context + " users").isEqualTo(matching(range, e -> true).stream().map(Event::user)
                        .filter(Objects::nonNull).distinct().sorted().toList());
            }
        }
    }

    @Test
    void aDailyTimelineByUserInUtcEqualsTheRawEvents() {
        ZoneId utc = ZoneId.of("UTC");
        Instant[] range = ranges(utc).get(0);
        JsonNode timeline = get(uri("timeline", utc, range).queryParam("bucket", "day").queryParam("groupBy", "user")
                .queryParam("top", 5));
        int checked = 0;
        assertThat(timeline.get("series").size()).as("a series per user and one for none").isEqualTo(4);
        for (JsonNode series : timeline.get("series")) {
            String key = series.get("key").isNull() ? null : series.get("key").stringValue();
            for (JsonNode point : series.get("points")) {
                Instant start = java.time.OffsetDateTime.parse(point.get("start").stringValue()).toInstant();
                Instant end = java.time.OffsetDateTime.parse(point.get("end").stringValue()).toInstant();
                Expected.of(matching(new Instant[] {start, end}, e -> Objects.equals(e.user(), key)))
                        .assertMatches(point, "user " + key + " on " + start);
                checked++;
            }
        }
        assertThat(checked).as("points checked").isEqualTo(4 * 9);
    }

    /**
     * Proof that the whole days come from the daily rows: a change to one day's row shows in the answer, and
     * only where that day is whole in the range; rebuilding the tenant's rollups from its raw events puts
     * the exact row back.
     */
    @Test
    void wholeDaysComeFromTheDailyRowsAndTheRebuildKeepsThemExact() throws Exception {
        ZoneId utc = ZoneId.of("UTC");
        Instant[] range = {Instant.parse("2026-03-04T10:00:00Z"), Instant.parse("2026-03-08T10:00:00Z")};
        Instant[] withinDay = {Instant.parse("2026-03-06T01:00:00Z"), Instant.parse("2026-03-06T23:00:00Z")};
        Expected before = Expected.of(matching(range, e -> "u1".equals(e.user())));
        Expected beforeWithinDay = Expected.of(matching(withinDay, e -> "u1".equals(e.user())));
        try (Connection connection = connect()) {
            addThousandRequestsToU1(connection, "2026-03-06");
            assertThat(u1Requests(range))
                    .as("the whole 6 March comes from its daily row").isEqualTo(before.requests() + 1000);
            assertThat(u1Requests(withinDay))
                    .as("part of a day comes from raw events").isEqualTo(beforeWithinDay.requests());
            rebuild(connection, range[0], range[1]);
        }
        before.assertMatches(userRow(get(uri("breakdown", utc, range).queryParam("by", "user")), "u1"), "u1 after the rebuild");
    }

    /**
     * Proof that an edge day with no event of the tenant outside the range's part of it is read from its rows by
     * user: a change to u1's row of that day shows in the answer of the tight range, not in that of a range ending
     * one millisecond before the day's last event (whose edge the raw events answer). The rebuild restores the row.
     */
    @Test
    void anEdgeDayWithoutEventsOutsideTheRangeComesFromItsRowsByUser() throws Exception {
        ZoneId utc = ZoneId.of("UTC");
        Instant[] tight = tightRange();
        Instant[] shorter = {tight[0], tight[1].minusMillis(2)};
        Expected before = Expected.of(matching(tight, e -> "u1".equals(e.user())));
        Expected beforeShorter = Expected.of(matching(shorter, e -> "u1".equals(e.user())));
        try (Connection connection = connect()) {
            addThousandRequestsToU1(connection, "2026-03-10");
            assertThat(u1Requests(tight))
                    .as("10 March up to its last event comes from its daily row").isEqualTo(before.requests() + 1000);
            assertThat(u1Requests(shorter))
                    .as("10 March up to before its last event comes from raw events").isEqualTo(beforeShorter.requests());
            rebuild(connection, Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"));
        }
        before.assertMatches(userRow(get(uri("breakdown", utc, tight).queryParam("by", "user")), "u1"), "u1 after the rebuild");
    }

    /** Adds 1000 requests to u1's success row by user of {@code day} (UTC), which must exist. */
    private static void addThousandRequestsToU1(Connection connection, String day) throws java.sql.SQLException {
        try (var update = connection.prepareStatement("""
                UPDATE usage_dim_rollup_1d SET requests = requests + 1000
                WHERE tenant = 'acme' AND dim = 'user' AND value = 'u1' AND bucket_start = ? AND status = 'success'""")) {
            update.setTimestamp(1, Timestamp.from(Instant.parse(day + "T00:00:00Z")));
            assertThat(update.executeUpdate()).as("u1's success row of " + day).isEqualTo(1);
        }
    }

    /** Rebuilds tenant acme's rollups of [from, to) with the schema's function. */
    private static void rebuild(Connection connection, Instant from, Instant to) throws java.sql.SQLException {
        try (var rebuild = connection.prepareStatement("SELECT rebuild_usage_rollups('acme', ?, ?)")) {
            rebuild.setTimestamp(1, Timestamp.from(from));
            rebuild.setTimestamp(2, Timestamp.from(to));
            rebuild.execute();
        }
    }

    /** u1's requests in the breakdown by user of {@code range} in UTC. */
    private long u1Requests(Instant[] range) {
        return userRow(get(uri("breakdown", ZoneId.of("UTC"), range).queryParam("by", "user")), "u1").get("requests").longValue();
    }

    private static JsonNode userRow(JsonNode breakdown, String user) {
        for (JsonNode row : breakdown.get("rows")) {
            if (!row.get("key").isNull() && row.get("key").stringValue().equals(user)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + user + " in " + breakdown);
    }

    private static List<Event> matching(Instant[] range, Predicate<Event> also) {
        return events.stream().filter(e -> e.tenant().equals("acme") && !e.time().isBefore(range[0]) && e.time().isBefore(range[1]))
                .filter(also).toList();
    }

    private static Map<String, List<Event>> byUser(Instant[] range, Predicate<Event> also) {
        Map<String, List<Event>> groups = new HashMap<>();
        matching(range, also).forEach(e -> groups.computeIfAbsent(String.valueOf(e.user()), k -> new ArrayList<>()).add(e));
        return groups;
    }

    private static UriComponentsBuilder uri(String path, ZoneId zone, Instant[] range) {
        return UriComponentsBuilder.fromPath("/api/v1/usage/" + path).queryParam("tenant", "acme").queryParam("tz", zone.getId())
                .queryParam("from", range[0].atZone(zone).toOffsetDateTime().toString())
                .queryParam("to", range[1].atZone(zone).toOffsetDateTime().toString());
    }

    private JsonNode get(UriComponentsBuilder uri) {
        return new Api(port).get(uri.build().encode().toUriString(), Api.OPERATOR);
    }

    private static Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
    }
}
