package dev.tokenmeter.ingest.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a batch's rows are sent when the statement sorts them anyway (to insert in key order,
 * so that concurrent batches lock rows in the same order, or to merge-join them). PostgreSQL's sort first
 * checks whether its input is in order already, with one comparison per row, and is done if it is; a real
 * sort costs some log2(n) comparisons per row, each of text in the database's collation (C.UTF-8 in the
 * local stack: {@code strcoll}, not a byte compare). Rows sent in Java's {@link String#compareTo} order are
 * in that order for keys of ASCII characters (ids and tenants are) and for any key in a code-point collation
 * such as C.UTF-8; in another collation the check fails at the first pair out of order and the database
 * sorts as before: the order only ever saves work, it decides nothing.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    /** The positions of {@code events} in (tenant, id) order. */
    static Integer[] byTenantAndId(List<PricedEvent> events) {
        Integer[] order = new Integer[events.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer, String>comparing(i -> events.get(i).event().tenant())
                .thenComparing(i -> events.get(i).event().id()));
        return order;
    }
}
