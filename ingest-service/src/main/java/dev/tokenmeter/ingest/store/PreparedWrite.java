package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.Timestamps;
import dev.tokenmeter.event.UsageEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch made ready to store before its transaction starts ({@link EventStore#prepare}), so that the one
 * writer's transaction spends its time in the database rather than waiting for the service to build what
 * it sends: the first occurrence of each key, the claim's arrays in (tenant, id) order, the tenants to
 * lock, and the {@code COPY} body of every first occurrence (the lines of those the claim finds new are
 * cut out of it). Immutable once built; built on a worker thread while earlier batches are written.
 */
public final class PreparedWrite {

    /** A stored event's key: a batch's repeats of one key are one event. */
    record Key(String tenant, String id) {
        static Key of(PricedEvent item) {
            return new Key(item.event().tenant(), item.event().id());
        }
    }

    final List<PricedEvent> batch;
    final List<PricedEvent> firsts;
    final List<Instant> times;
    final String[] tenants;
    /** The claim's arrays: row i is {@code firsts.get(order[i])}. */
    final Integer[] order;
    final String[] tenant;
    final String[] id;
    final String[] fingerprint;
    final String[] time;
    /** The COPY lines of {@code firsts}, in their order; line i is bytes [lineStart[i], lineStart[i + 1]). */
    private final byte[] rows;
    private final int[] lineStart;

    private PreparedWrite(List<PricedEvent> batch) {
        this.batch = batch;
        Map<Key, PricedEvent> firstOccurrences = new LinkedHashMap<>();
        for (PricedEvent item : batch) {
            firstOccurrences.putIfAbsent(Key.of(item), item);
        }
        this.firsts = new ArrayList<>(firstOccurrences.values());
        this.times = batch.stream().map(PricedEvent::event).map(UsageEvent::time).toList();
        this.tenants = firsts.stream().map(item -> item.event().tenant()).distinct().toArray(String[]::new);
        int n = firsts.size();
        this.order = KeyOrder.byTenantAndId(firsts);
        this.tenant = new String[n];
        this.id = new String[n];
        this.fingerprint = new String[n];
        this.time = new String[n];
        for (int i = 0; i < n; i++) {
            PricedEvent item = firsts.get(order[i]);
            UsageEvent e = item.event();
            tenant[i] = e.tenant();
            id[i] = e.id();
            fingerprint[i] = item.fingerprintHex();
            time[i] = Timestamps.format(e.time());
        }
        this.rows = CopyRows.of(firsts);
        this.lineStart = lineStarts(rows, n);
    }

    static PreparedWrite of(List<PricedEvent> batch) {
        return new PreparedWrite(List.copyOf(batch));
    }

    /** The events as given, repeats included. */
    public List<PricedEvent> events() {
        return batch;
    }

    boolean isEmpty() {
        return batch.isEmpty();
    }

    /** The COPY body of the first occurrences at {@code positions} (ascending); all of them without a copy when they are all new. */
    byte[] rowsOf(int[] positions) {
        if (positions.length == firsts.size()) {
            return rows;
        }
        int size = 0;
        for (int position : positions) {
            size += lineStart[position + 1] - lineStart[position];
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int position : positions) {
            int length = lineStart[position + 1] - lineStart[position];
            System.arraycopy(rows, lineStart[position], out, at, length);
            at += length;
        }
        return out;
    }

    /**
     * Where each line starts. In COPY's text format a newline inside a value is written {@code \n} (two
     * characters), and no byte of a multi-byte UTF-8 character is 0x0A, so every 0x0A byte ends a line.
     */
    private static int[] lineStarts(byte[] rows, int lines) {
        int[] starts = new int[lines + 1];
        int line = 1;
        for (int i = 0; i < rows.length && line <= lines; i++) {
            if (rows[i] == '\n') {
                starts[line++] = i + 1;
            }
        }
        if (line != lines + 1) {
            throw new IllegalStateException("COPY body has " + (line - 1) + " lines for " + lines + " events");
        }
        return starts;
    }
}
