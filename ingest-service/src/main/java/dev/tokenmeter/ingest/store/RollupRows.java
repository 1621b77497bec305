package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.UsageEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** A row of the all-dimension tables; absent optional dimensions are {@code ""}, as the tables store them. */
    record FullKey(int level, String tenant, long bucket, String provider, String model, String endpoint, String project,
            String apiKey, String status, String serviceTier, String unit) {

        /** The 15-minute row of an event (and of one of its units, or {@code ""}). */
        static FullKey quarter(UsageEvent e, String unit) {
            long bucket = Math.floorDiv(e.time().getEpochSecond(), LEVELS[0]) * LEVELS[0];
            return new FullKey(0, e.tenant(), bucket, e.provider(), orEmpty(e.model()), e.endpoint(), orEmpty(e.project()),
                    orEmpty(e.apiKey()), e.status().code(), e.serviceTier().code(), unit);
        }
    }

    /** A row of the one-dimension tables. */
    record DimKey(int level, String tenant, String dim, long bucket, String value, String status, String unit) {
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
        KeyColumns columns = new KeyColumns(full.size(), withUnit ? 11 : 10);
        sorted(full, FULL_ORDER).forEach((key, row) -> {
            columns.next(key.level(), key.tenant(), bucket(key.bucket()), key.provider(), key.model(), key.endpoint(),
                    key.project(), key.apiKey(), key.status(), key.serviceTier(), key.unit());
            sums.add(row);
        });
        return columns.arrays;
    }

    private Object[] dimKeys(boolean withUnit, List<S> sums) {
        KeyColumns columns = new KeyColumns(dims.size(), withUnit ? 7 : 6);
        sorted(dims, DIM_ORDER).forEach((key, row) -> {
            columns.next(key.level(), key.tenant(), key.dim(), bucket(key.bucket()), key.value(), key.status(), key.unit());
            sums.add(row);
        });
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

    /**
     * Rows are bound in the order of their level and the table's key, which each insert sorts them by anyway
     * ({@link KeyOrder}: sent in order, the sort is one comparison per row).
     */
    private static final Comparator<FullKey> FULL_ORDER = Comparator.comparingInt(FullKey::level)
            .thenComparing(FullKey::tenant)
            .thenComparingLong(FullKey::bucket)
            .thenComparing(FullKey::provider)
            .thenComparing(FullKey::model)
            .thenComparing(FullKey::endpoint)
            .thenComparing(FullKey::project)
            .thenComparing(FullKey::apiKey)
            .thenComparing(FullKey::status)
            .thenComparing(FullKey::serviceTier)
            .thenComparing(FullKey::unit);

    private static final Comparator<DimKey> DIM_ORDER = Comparator.comparingInt(DimKey::level)
            .thenComparing(DimKey::tenant)
            .thenComparing(DimKey::dim)
            .thenComparingLong(DimKey::bucket)
            .thenComparing(DimKey::value)
            .thenComparing(DimKey::status)
            .thenComparing(DimKey::unit);

    private static <K, S> Map<K, S> sorted(Map<K, S> rows, Comparator<K> order) {
        Map<K, S> sorted = new TreeMap<>(order);
        sorted.putAll(rows);
        return sorted;
    }

    private static String bucket(long epochSecond) {
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
