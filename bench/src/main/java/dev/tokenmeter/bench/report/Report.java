package dev.tokenmeter.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole run: how it was run (mode, sizes, machine) and its sections, written as
 * {@code report.md}, {@code report.json} and {@code report.png}.
 */
public final class Report {

    private final String mode;
    private final Instant started;
    private final Map<String, String> machine;
    private final Map<String, Object> settings;
    private final List<Section> sections = new ArrayList<>();
    private Duration duration = Duration.ZERO;

    public Report(String mode, Instant started, Map<String, String> machine, Map<String, Object> settings) {
        this.mode = mode;
        this.started = started;
        this.machine = new LinkedHashMap<>(machine);
        this.settings = new LinkedHashMap<>(settings);
    }

    public Section add(Section section) {
        sections.add(section);
        return section;
    }

    public void machine(String key, String value) {
        machine.put(key, value);
    }

    public void finished(Duration duration) {
        this.duration = duration;
    }

    /** Writes the three files into {@code dir} and answers their paths. */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve("report.md");
        Path json = dir.resolve("report.json");
        Path png = dir.resolve("report.png");
        Files.writeString(md, MarkdownReport.render(this, png.getFileName().toString()));
        Files.writeString(json, JsonReport.render(this));
        Chart.draw(this, png);
        return List.of(md, json, png);
    }

    public String mode() {
        return mode;
    }

    public Instant started() {
        return started;
    }

    public Map<String, String> machine() {
        return machine;
    }

    public Map<String, Object> settings() {
        return settings;
    }

    public List<Section> sections() {
        return sections;
    }

    public Duration duration() {
        return duration;
    }
}
