package dev.tokenmeter.bench.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One part of the benchmark (ingest, queries, freshness, dashboard) as the report shows it: a
 * table, the comparisons with baselines, the targets, notes (sizes, profiles, caveats) and the raw
 * figures for report.json. Filled by one thread.
 */
public final class Section {

    public enum Status {
        OK, SKIPPED, FAILED
    }

    private final String title;
    private Status status = Status.OK;
    private @Nullable String statusDetail;
    private @Nullable Duration duration;
    private List<String> headers = List.of();
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<TargetCheck> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> data = new LinkedHashMap<>();

    public Section(String title) {
        this.title = title;
    }

    public Section table(String... headers) {
        this.headers = List.of(headers);
        return this;
    }

    public Section row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    public Section compare(Comparison comparison) {
        comparisons.add(comparison);
        return this;
    }

    public Section target(TargetCheck check) {
        targets.add(check);
        return this;
    }

    public Section note(String note) {
        notes.add(note);
        return this;
    }

    /** A raw figure for report.json (numbers, strings, lists and maps of them). */
    public Section data(String key, Object value) {
        data.put(key, value);
        return this;
    }

    public void skipped(String why) {
        status = Status.SKIPPED;
        statusDetail = why;
    }

    public void failed(String why) {
        status = Status.FAILED;
        statusDetail = why;
    }

    public void took(Duration duration) {
        this.duration = duration;
    }

    public String title() {
        return title;
    }

    public Status status() {
        return status;
    }

    public @Nullable String statusDetail() {
        return statusDetail;
    }

    public @Nullable Duration duration() {
        return duration;
    }

    public List<String> headers() {
        return headers;
    }

    public List<List<String>> rows() {
        return rows;
    }

    public List<Comparison> comparisons() {
        return comparisons;
    }

    public List<TargetCheck> targets() {
        return targets;
    }

    public List<String> notes() {
        return notes;
    }

    public Map<String, Object> data() {
        return data;
    }
}
