package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.UsageEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rows a batch adds to a family of six rollup tables — every dimension ({@code *_rollup_*}) and one
 * dimension at a time ({@code *_dim_rollup_*}), at 15 minutes, an hour and a UTC day — keyed as those
 * tables are. Both the token rollups ({@link RollupDeltas}) and the units rollups ({@link UnitDeltas})
 * sum their events per 15-minute full key first and {@link #spread} those sums here: 15-minute UTC
 * buckets nest in hours and days, so every other row is a sum of them. The units rollups key each row
 * by unit too; the token rollups' {@code unit} is {@code ""} and is not bound. Column-wise, as
 * {@link BatchSql#ROLLUPS} and {@link BatchSql#UNITS} bind them.
 *
 * @param <S> the sums of one row
 */
final class RollupRows<S> {

    /** Rollup levels, by bucket width in seconds: 15 minutes, an hour, a UTC day. */
    static final long[] LEVELS = {900, 3_600, 86_400};

    /** The per-dimension rollups' dimensions; '' is the totals row every event also counts in. */
    private static final String[] DIMS = {"", "provider", "model", "endpoint", "project", "api_key", "service_tier"};

    /** A row's key: its level, and its cells in the order of the table's key (unit last). */
    private interface Key {
        int level();

        String[] cells();
    }

    /** A row of the all-dimension tables; absent optional dimensions are {@code ""}, as the tables store them. */
    record FullKey(int level, String tenant, long bucket, String provider, String model, String endpoint, String project,
            String apiKey, String status, String serviceTier, String unit) implements Key {

        @Override
        public String[] cells() {
            return new String[] {tenant, bucketText(bucket), provider, model, endpoint, project, apiKey, status, serviceTier, unit};
        }

        /** The 15-minute row of an event (and of one of its units, or {@code ""}). */
        static FullKey quarter(UsageEvent e, String unit) {
            long bucket = Math.floorDiv(e.time().getEpochSecond(), LEVELS[0]) * LEVELS[0];
            return new FullKey(0, e.tenant(), bucket, e.provider(), orEmpty(e.model()), e.endpoint(), orEmpty(e.project()),
                    orEmpty(e.apiKey()), e.status().code(), e.serviceTier().code(), unit);
        }
    }

    /** A row of the one-dimension tables. */
    record DimKey(int level, String tenant, String dim, long bucket, String value, String status, String unit) implements Key {

        @Override
        public String[] cells() {
            return new String[] {tenant, dim, bucketText(bucket), value, status, unit};
        }
    }

    /**
     * How a family's rows are summed and bound.
     *
     * @param zero    a row's sums before anything is added
     * @param add     adds the second sums to the first
     * @param byUnit  whether the family's rows are keyed by unit too
     * @param columns the measure columns of rows' sums, in the order of the rows
     */
    record Measures<S>(Supplier<S> zero, BiConsumer<S, S> add, boolean byUnit, Function<List<S>, Object[]> columns) {
    }

    private final Measures<S> measures;
    private final Map<FullKey, S> full = new HashMap<>();
    private final Map<DimKey, S> dims = new HashMap<>();

    private RollupRows(Measures<S> measures) {
        this.measures = measures;
    }

    /** What one event adds to the 15-minute rows: {@code row} gives the sums of a row, created empty when new. */
    interface EventSums<S> {
        void add(PricedEvent item, Function<FullKey, S> row);
    }

    /** The rows {@code fresh} adds to: each event added to its 15-minute rows by {@code adder}, then {@link #spread}. */
    static <S> RollupRows<S> sum(List<PricedEvent> fresh, Measures<S> measures, EventSums<S> adder) {
        Map<FullKey, S> quarters = new HashMap<>();
        Function<FullKey, S> row = key -> quarters.computeIfAbsent(key, k -> measures.zero().get());
        for (PricedEvent item : fresh) {
            adder.add(item, row);
        }
        return spread(quarters, measures);
    }

    /**
     * As {@link #sum(List, Measures, EventSums)}, plus the daily one-dimension rows by user ({@code dim = 'user'},
     * value the event's user or {@code ""} without one) that only the daily level has (migration V25): each event is
     * added once more, by {@code adder}, to the row of its UTC day, user and status (and unit, for the units rollups:
     * migration V28).
     */
    static <S> RollupRows<S> sumWithUsers(List<PricedEvent> fresh, Measures<S> measures, EventSums<S> adder) {
        RollupRows<S> rows = sum(fresh, measures, adder);
        int day = LEVELS.length - 1;
        for (PricedEvent item : fresh) {
            String user = orEmpty(item.event().user());
            adder.add(item, quarter -> rows.dims.computeIfAbsent(new DimKey(day, quarter.tenant(), USER_DIM,
                    Math.floorDiv(quarter.bucket(), LEVELS[day]) * LEVELS[day], user, quarter.status(), quarter.unit()),
                    k -> measures.zero().get()));
        }
        return rows;
    }

    /** The daily rollups' dimension of the users (migrations V25, V28). */
    static final String USER_DIM = "user";

    /** Every row that the 15-minute rows {@code quarters} add to, each holding the sum of its quarters. */
    static <S> RollupRows<S> spread(Map<FullKey, S> quarters, Measures<S> measures) {
        RollupRows<S> rows = new RollupRows<>(measures);
        Supplier<S> zero = measures.zero();
        BiConsumer<S, S> add = measures.add();
        quarters.forEach((quarter, sums) -> {
            String[] values = {"", quarter.provider(), quarter.model(), quarter.endpoint(), quarter.project(), quarter.apiKey(),
                    quarter.serviceTier()};
            for (int level = 0; level < LEVELS.length; level++) {
                long bucket = Math.floorDiv(quarter.bucket(), LEVELS[level]) * LEVELS[level];
                FullKey key = new FullKey(level, quarter.tenant(), bucket, quarter.provider(), quarter.model(), quarter.endpoint(),
                        quarter.project(), quarter.apiKey(), quarter.status(), quarter.serviceTier(), quarter.unit());
                add.accept(rows.full.computeIfAbsent(key, k -> zero.get()), sums);
                for (int d = 0; d < DIMS.length; d++) {
                    DimKey dim = new DimKey(level, quarter.tenant(), DIMS[d], bucket, values[d], quarter.status(), quarter.unit());
                    add.accept(rows.dims.computeIfAbsent(dim, k -> zero.get()), sums);
                }
            }
        });
        return rows;
    }

    boolean isEmpty() {
        return full.isEmpty();
    }

    int fullRows() {
        return full.size();
    }

    int dimRows() {
        return dims.size();
    }

    /**
     * The all-dimension rows column-wise, as the statements bind them: the key columns (level, tenant, bucket,
     * provider, model, endpoint, project, api key, status, service tier, then unit for a family by unit), then
     * the measure columns.
     */
    Object[] fullColumns() {
        List<S> sums = new ArrayList<>(full.size());
        return concat(fullKeys(measures.byUnit(), sums), measures.columns().apply(sums));
    }

    /** The one-dimension rows column-wise: level, tenant, dim, bucket, value, status, then unit for a family by unit, then the measures. */
    Object[] dimColumns() {
        List<S> sums = new ArrayList<>(dims.size());
        return concat(dimKeys(measures.byUnit(), sums), measures.columns().apply(sums));
    }

    private Object[] fullKeys(boolean withUnit, List<S> sums) {
        return keys(full, withUnit ? 11 : 10, sums);
    }

    private Object[] dimKeys(boolean withUnit, List<S> sums) {
        return keys(dims, withUnit ? 7 : 6, sums);
    }

    /**
     * The key columns of {@code rows} ({@code width} of them, level first), the rows in the order of their level
     * and the table's key, which each insert sorts them by anyway ({@link KeyOrder}: sent in order, that sort is
     * one comparison per row; the buckets' fixed-width UTC text sorts as their instants); their sums are added to
     * {@code sums} in the same order.
     */
    private static <S> Object[] keys(Map<? extends Key, S> rows, int width, List<S> sums) {
        record Row<T>(int level, String[] cells, T sums) {
        }
        List<Row<S>> sorted = new ArrayList<>(rows.size());
        rows.forEach((key, row) -> sorted.add(new Row<>(key.level(), key.cells(), row)));
        sorted.sort(Comparator.<Row<S>>comparingInt(Row::level).thenComparing(Row::cells, Arrays::compare));
        KeyColumns columns = new KeyColumns(rows.size(), width);
        for (Row<S> row : sorted) {
            columns.next(row.level(), row.cells());
            sums.add(row.sums());
        }
        return columns.arrays;
    }

    /** Key columns filled row by row: the level column is {@code Integer[]}, the rest {@code String[]}; extra cells are dropped. */
    private static final class KeyColumns {
        final Object[] arrays;
        private int row;

        KeyColumns(int rows, int width) {
            arrays = new Object[width];
            arrays[0] = new Integer[rows];
            for (int c = 1; c < width; c++) {
                arrays[c] = new String[rows];
            }
        }

        void next(int level, String... keys) {
            ((Integer[]) arrays[0])[row] = level;
            for (int c = 1; c < arrays.length; c++) {
                ((String[]) arrays[c])[row] = keys[c - 1];
            }
            row++;
        }
    }

    private static String bucketText(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static Object[] concat(Object[] head, Object[] tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static String orEmpty(@org.jspecify.annotations.Nullable String value) {
        return value == null ? "" : value;
    }
}
