package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.rules.Bodies.Mover;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The top movers of a digest: the keys of a dimension whose cost changed most (up or down, by absolute
 * USD) against the previous period, biggest first; keys with no change are left out. Pure.
 */
final class Movers {

    private Movers() {
    }

    static List<Mover> of(String dimension, Map<String, BigDecimal> current, Map<String, BigDecimal> previous, int n) {
        List<Mover> movers = new ArrayList<>();
        for (String key : new TreeSet<>(union(current, previous))) {
            BigDecimal now = current.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal before = previous.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal change = now.subtract(before);
            if (change.signum() == 0) {
                continue;
            }
            BigDecimal percent = before.signum() == 0
                    ? null
                    : change.multiply(BigDecimal.valueOf(100)).divide(before, MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_EVEN);
            movers.add(new Mover(dimension, key, plain(now), plain(before), plain(change), percent));
        }
        movers.sort(Comparator.comparing((Mover m) -> m.changeUsd().abs()).reversed().thenComparing(Mover::key));
        return movers.size() > n ? List.copyOf(movers.subList(0, n)) : movers;
    }

    private static java.util.Set<String> union(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static BigDecimal plain(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
