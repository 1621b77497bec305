package dev.tokenmeter.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code report.json}: everything in the Markdown report, as numbers, for comparing runs. */
final class JsonReport {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {
    }

    static String render(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", report.mode());
        root.put("started", report.started().toString());
        root.put("durationSeconds", report.duration().toMillis() / 1000.0);
        root.put("machine", report.machine());
        root.put("settings", report.settings());
        List<Object> sections = new ArrayList<>();
        for (Section s : report.sections()) {
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("title", s.title());
            section.put("status", s.status().name().toLowerCase());
            section.put("statusDetail", s.statusDetail());
            section.put("durationSeconds", s.duration() == null ? null : s.duration().toMillis() / 1000.0);
            section.put("comparisons", s.comparisons().stream().map(JsonReport::comparison).toList());
            section.put("targets", s.targets().stream().map(JsonReport::target).toList());
            section.put("table", Map.of("headers", s.headers(), "rows", s.rows()));
            section.put("notes", s.notes());
            section.put("data", s.data());
            sections.add(section);
        }
        root.put("sections", sections);
        return JSON.writeValueAsString(root) + "\n";
    }

    private static Map<String, Object> comparison(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", c.label());
        m.put("unit", c.unit());
        m.put("value", c.value());
        m.put("baseline", c.baselineLabel());
        m.put("baselineValue", c.baselineValue());
        m.put("lowerIsBetter", c.lowerIsBetter());
        m.put("advantage", c.advantage());
        return m;
    }

    private static Map<String, Object> target(TargetCheck t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", t.target());
        m.put("actual", t.actual());
        m.put("threshold", t.threshold());
        m.put("atMost", t.atMost());
        m.put("unit", t.unit());
        m.put("met", t.met());
        m.put("verdict", t.verdict());
        return m;
    }
}
