package dev.tokenmeter.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code report.json}: everything in the Markdown report, as numbers, for comparing runs. Comparisons and targets are
 * written as their records say (their Jackson annotations name the fields).
 */
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
            section.put("comparisons", s.comparisons());
            section.put("targets", s.targets());
            section.put("table", Map.of("headers", s.headers(), "rows", s.rows()));
            section.put("notes", s.notes());
            section.put("data", s.data());
            sections.add(section);
        }
        root.put("sections", sections);
        return JSON.writeValueAsString(root) + "\n";
    }
}
