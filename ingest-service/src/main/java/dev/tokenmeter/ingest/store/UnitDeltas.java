package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.UsageEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a batch of new events adds to the six units rollups (migration V24), aggregated here as
 * {@link RollupDeltas} does for the token rollups: per unit, the rows of every dimension
 * ({@code usage_unit_rollup_*}) and of one dimension at a time ({@code usage_unit_dim_rollup_*}) at 15
 * minutes, an hour and a UTC day. Each row sums the quantity sent, what the unit prices gave, and the
 * quantity no price covered (an unpriced unit: counted, never priced at $0). Quantities are summed
 * exactly: a batch's quantities may add up past the range of a long. Column-wise, as
 * {@link BatchSql#UNITS} binds it; only events with {@code usage.units} contribute.
 */
final class UnitDeltas {

    /** The per-dimension rollups' dimensions, as {@link RollupDeltas}'. */
    private static final String[] DIMS = {"", "provider", "model", "endpoint", "project", "api_key", "service_tier"};

    private record FullKey(int level, String tenant, long bucket, String provider, String model, String endpoint,
            String project, String apiKey, String status, String serviceTier, String unit) {
    }

    private record DimKey(int level, String tenant, String dim, long bucket, String value, String status, String unit) {
    }

    private static final class Sums {
        BigInteger quantity = BigInteger.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigInteger unpriced = BigInteger.ZERO;

        void add(Sums other) {
            quantity = quantity.add(other.quantity);
            cost = cost.add(other.cost);
            unpriced = unpriced.add(other.unpriced);
        }
    }

    private final Map<FullKey, Sums> full = new HashMap<>();
    private final Map<DimKey, Sums> dims = new HashMap<>();

    /** The deltas of {@code fresh}: summed per 15-minute full key and unit first, then spread over the levels and dimensions. */
    static UnitDeltas of(java.util.List<PricedEvent> fresh) {
        Map<FullKey, Sums> quarters = new HashMap<>();
        for (PricedEvent item : fresh) {
            UsageEvent e = item.event();
            if (e.units().isEmpty()) {
                continue;
            }
            long bucket = Math.floorDiv(e.time().getEpochSecond(), RollupDeltas.LEVELS[0]) * RollupDeltas.LEVELS[0];
            e.units().forEach((unit, quantity) -> {
                Sums sums = quarters.computeIfAbsent(new FullKey(0, e.tenant(), bucket, e.provider(), orEmpty(e.model()), e.endpoint(),
                        orEmpty(e.project()), orEmpty(e.apiKey()), e.status().code(), e.serviceTier().code(), unit), key -> new Sums());
                BigInteger sent = BigInteger.valueOf(quantity);
                sums.quantity = sums.quantity.add(sent);
                BigDecimal cost = item.cost().unitCosts().get(unit);
                if (cost != null) {
                    sums.cost = sums.cost.add(cost);
                } else {
                    sums.unpriced = sums.unpriced.add(sent);
                }
            });
        }
        UnitDeltas deltas = new UnitDeltas();
        quarters.forEach(deltas::add);
        return deltas;
    }

    private void add(FullKey quarter, Sums sums) {
        String[] values = {"", quarter.provider(), quarter.model(), quarter.endpoint(), quarter.project(), quarter.apiKey(),
                quarter.serviceTier()};
        for (int level = 0; level < RollupDeltas.LEVELS.length; level++) {
            long bucket = Math.floorDiv(quarter.bucket(), RollupDeltas.LEVELS[level]) * RollupDeltas.LEVELS[level];
            full.computeIfAbsent(new FullKey(level, quarter.tenant(), bucket, quarter.provider(), quarter.model(), quarter.endpoint(),
                    quarter.project(), quarter.apiKey(), quarter.status(), quarter.serviceTier(), quarter.unit()), key -> new Sums())
                    .add(sums);
            for (int d = 0; d < DIMS.length; d++) {
                dims.computeIfAbsent(new DimKey(level, quarter.tenant(), DIMS[d], bucket, values[d], quarter.status(), quarter.unit()),
                        key -> new Sums()).add(sums);
            }
        }
    }

    boolean isEmpty() {
        return full.isEmpty();
    }

    /** Rows of the all-dimension units rollups: level, the key columns in key order, then quantity, cost, unpriced quantity. */
    Object[] fullColumns() {
        int n = full.size();
        Integer[] level = new Integer[n];
        String[] tenant = new String[n], bucket = new String[n], provider = new String[n], model = new String[n],
                endpoint = new String[n], project = new String[n], apiKey = new String[n], status = new String[n],
                serviceTier = new String[n], unit = new String[n], quantity = new String[n], cost = new String[n],
                unpriced = new String[n];
        int i = 0;
        for (Map.Entry<FullKey, Sums> row : full.entrySet()) {
            FullKey key = row.getKey();
            level[i] = key.level();
            tenant[i] = key.tenant();
            bucket[i] = Instant.ofEpochSecond(key.bucket()).toString();
            provider[i] = key.provider();
            model[i] = key.model();
            endpoint[i] = key.endpoint();
            project[i] = key.project();
            apiKey[i] = key.apiKey();
            status[i] = key.status();
            serviceTier[i] = key.serviceTier();
            unit[i] = key.unit();
            quantity[i] = row.getValue().quantity.toString();
            cost[i] = row.getValue().cost.toPlainString();
            unpriced[i] = row.getValue().unpriced.toString();
            i++;
        }
        return new Object[] {level, tenant, bucket, provider, model, endpoint, project, apiKey, status, serviceTier, unit, quantity,
                cost, unpriced};
    }

    /** Rows of the one-dimension units rollups: level, the key columns in key order, then quantity, cost, unpriced quantity. */
    Object[] dimColumns() {
        int n = dims.size();
        Integer[] level = new Integer[n];
        String[] tenant = new String[n], dim = new String[n], bucket = new String[n], value = new String[n], status = new String[n],
                unit = new String[n], quantity = new String[n], cost = new String[n], unpriced = new String[n];
        int i = 0;
        for (Map.Entry<DimKey, Sums> row : dims.entrySet()) {
            DimKey key = row.getKey();
            level[i] = key.level();
            tenant[i] = key.tenant();
            dim[i] = key.dim();
            bucket[i] = Instant.ofEpochSecond(key.bucket()).toString();
            value[i] = key.value();
            status[i] = key.status();
            unit[i] = key.unit();
            quantity[i] = row.getValue().quantity.toString();
            cost[i] = row.getValue().cost.toPlainString();
            unpriced[i] = row.getValue().unpriced.toString();
            i++;
        }
        return new Object[] {level, tenant, dim, bucket, value, status, unit, quantity, cost, unpriced};
    }

    private static String orEmpty(@org.jspecify.annotations.Nullable String value) {
        return value == null ? "" : value;
    }
}
