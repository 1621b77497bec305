package dev.tokenmeter.ingest.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a batch of new events adds to {@code usage_unit_rollup_15m}: per tenant, UTC 15-minute bucket
 * and unit, the quantity sent, what the unit prices gave, and the quantity no price covered (an
 * unpriced unit: counted, never priced at $0). Column-wise, as {@link BatchSql#UNITS} binds it.
 */
final class UnitDeltas {

    private record Key(String tenant, long bucket, String unit) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byTenant = tenant.compareTo(other.tenant);
            if (byTenant != 0) {
                return byTenant;
            }
            int byBucket = Long.compare(bucket, other.bucket);
            return byBucket != 0 ? byBucket : unit.compareTo(other.unit);
        }
    }

    private static final class Sums {
        long quantity;
        BigDecimal cost = BigDecimal.ZERO;
        long unpriced;
    }

    private final Map<Key, Sums> rows = new TreeMap<>();

    static UnitDeltas of(List<PricedEvent> fresh) {
        UnitDeltas deltas = new UnitDeltas();
        for (PricedEvent item : fresh) {
            long bucket = Math.floorDiv(item.event().time().getEpochSecond(), RollupDeltas.LEVELS[0]) * RollupDeltas.LEVELS[0];
            item.event().units().forEach((unit, quantity) -> {
                Sums sums = deltas.rows.computeIfAbsent(new Key(item.event().tenant(), bucket, unit), key -> new Sums());
                sums.quantity += quantity;
                BigDecimal cost = item.cost().unitCosts().get(unit);
                if (cost != null) {
                    sums.cost = sums.cost.add(cost);
                } else {
                    sums.unpriced += quantity;
                }
            });
        }
        return deltas;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    Object[] columns() {
        int n = rows.size();
        String[] tenant = new String[n], bucket = new String[n], unit = new String[n], quantity = new String[n],
                cost = new String[n], unpriced = new String[n];
        int i = 0;
        for (Map.Entry<Key, Sums> row : rows.entrySet()) {
            tenant[i] = row.getKey().tenant();
            bucket[i] = Instant.ofEpochSecond(row.getKey().bucket()).toString();
            unit[i] = row.getKey().unit();
            quantity[i] = Long.toString(row.getValue().quantity);
            cost[i] = row.getValue().cost.toPlainString();
            unpriced[i] = Long.toString(row.getValue().unpriced);
            i++;
        }
        return new Object[] {tenant, bucket, unit, quantity, cost, unpriced};
    }
}
