package dev.tokenmeter.ingest.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * What a batch of new events adds to the six units rollups (migration V24), aggregated here as
 * {@link RollupDeltas} does for the token rollups: per unit, the rows of every dimension
 * ({@code usage_unit_rollup_*}) and of one dimension at a time ({@code usage_unit_dim_rollup_*}) at 15
 * minutes, an hour and a UTC day, and the daily rows by user ({@code dim = 'user'}, V28). Each row sums the quantity sent, what the unit prices gave, and the
 * quantity no price covered (an unpriced unit: counted, never priced at $0). Quantities are summed
 * exactly: a batch's quantities may add up past the range of a long. Column-wise, as
 * {@link BatchSql#UNITS} binds it; only events with {@code usage.units} contribute.
 */
final class UnitDeltas {

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

    private static final RollupRows.Measures<Sums> MEASURES = new RollupRows.Measures<>(Sums::new, Sums::add, true, UnitDeltas::measures);

    private UnitDeltas() {
    }

    /**
     * The rows that {@code fresh} adds to: summed per 15-minute full key and unit first, then spread over the levels and
     * dimensions; the daily rows by user and unit (migration V28) are added up from the events directly.
     */
    static RollupRows<?> of(List<PricedEvent> fresh) {
        return RollupRows.sumWithUsers(fresh, MEASURES, (item, row) -> item.event().units().forEach((unit, quantity) -> {
            Sums sums = row.apply(RollupRows.FullKey.quarter(item.event(), unit));
            BigInteger sent = BigInteger.valueOf(quantity);
            sums.quantity = sums.quantity.add(sent);
            BigDecimal cost = item.cost().unitCosts().get(unit);
            if (cost != null) {
                sums.cost = sums.cost.add(cost);
            } else {
                sums.unpriced = sums.unpriced.add(sent);
            }
        }));
    }

    private static Object[] measures(List<Sums> rows) {
        String[] quantity = new String[rows.size()], cost = new String[rows.size()], unpriced = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            quantity[i] = rows.get(i).quantity.toString();
            cost[i] = rows.get(i).cost.toPlainString();
            unpriced[i] = rows.get(i).unpriced.toString();
        }
        return new Object[] {quantity, cost, unpriced};
    }
}
