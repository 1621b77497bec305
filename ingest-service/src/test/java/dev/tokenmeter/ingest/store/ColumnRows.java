package dev.tokenmeter.ingest.store;

import java.util.ArrayList;
import java.util.List;

/** Column-wise statement parameters (parallel arrays) turned back into rows, for the tests to read. */
final class ColumnRows {

    private ColumnRows() {
    }

    /** The rows of a column-wise result, as lists of cells. */
    static List<List<Object>> rows(Object[] columns) {
        int n = ((Object[]) columns[0]).length;
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (Object column : columns) {
                row.add(((Object[]) column)[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
