package dev.tokenmeter.bench.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** {@code report.md}: the targets first, then one chapter per part, then the machine and settings. */
final class MarkdownReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private MarkdownReport() {
    }

    static String render(Report report, String chartFile) {
        StringBuilder md = new StringBuilder();
        md.append("# Tokenmeter benchmark (").append(report.mode()).append(" mode)\n\n");
        md.append("Run ").append(WHEN.format(report.started())).append(", took ").append(Format.duration(report.duration()))
                .append(". Machine: ").append(report.machine().getOrDefault("summary", "?")).append(".\n")
                .append("Every figure is measured beside its baseline in the same run, on the same data; ratios are the figures to quote.\n\n");
        targets(md, report);
        md.append("![Each measurement beside its baseline](").append(chartFile).append(")\n\n");
        int n = 1;
        for (Section section : report.sections()) {
            section(md, n++, section);
        }
        md.append("## Machine and settings\n\n");
        keyValues(md, report.machine());
        md.append('\n');
        keyValues(md, report.settings());
        return md.toString();
    }

    private static void targets(StringBuilder md, Report report) {
        md.append("## Targets of the issue\n\n| target | measured | verdict |\n|---|---:|---|\n");
        boolean any = false;
        for (Section section : report.sections()) {
            for (TargetCheck t : section.targets()) {
                any = true;
                md.append("| ").append(t.target()).append(" | ").append(Format.number(t.actual())).append(' ').append(t.unit())
                        .append(" | ").append(t.met() ? "met" : "**" + t.verdict() + "**").append(" |\n");
            }
            if (section.status() != Section.Status.OK) {
                any = true;
                md.append("| ").append(section.title()).append(" | – | ").append(section.status().name().toLowerCase())
                        .append(": ").append(section.statusDetail()).append(" |\n");
            }
        }
        if (!any) {
            md.append("| (no part ran) | | |\n");
        }
        md.append('\n');
    }

    private static void section(StringBuilder md, int n, Section section) {
        md.append("## ").append(n).append(". ").append(section.title()).append("\n\n");
        if (section.status() != Section.Status.OK) {
            md.append("**").append(section.status().name().toLowerCase()).append("**: ").append(section.statusDetail()).append("\n\n");
        }
        if (section.duration() != null) {
            md.append("Took ").append(Format.duration(section.duration())).append(".\n\n");
        }
        table(md, section.headers(), section.rows());
        if (!section.comparisons().isEmpty()) {
            md.append("| measurement | Tokenmeter | baseline | baseline's figure | Tokenmeter vs baseline |\n|---|---:|---|---:|---:|\n");
            for (Comparison c : section.comparisons()) {
                md.append("| ").append(c.label()).append(" | ").append(Format.number(c.value())).append(' ').append(c.unit())
                        .append(" | ").append(c.baselineLabel()).append(" | ").append(Format.number(c.baselineValue())).append(' ')
                        .append(c.unit()).append(" | ").append(advantage(c)).append(" |\n");
            }
            md.append('\n');
        }
        if (!section.notes().isEmpty()) {
            for (String note : section.notes()) {
                md.append("- ").append(note.replace("\n", "\n  ")).append('\n');
            }
            md.append('\n');
        }
    }

    static String advantage(Comparison c) {
        double a = c.advantage();
        if (c.lowerIsBetter()) {
            return a >= 1 ? Format.ratio(a) + "× faster" : Format.ratio(1 / a) + "× slower";
        }
        return a >= 1 ? Format.ratio(a) + "×" : Format.percent(a) + " of it";
    }

    private static void table(StringBuilder md, List<String> headers, List<List<String>> rows) {
        if (headers.isEmpty() || rows.isEmpty()) {
            return;
        }
        md.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int i = 0; i < headers.size(); i++) {
            md.append(i == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
    }

    private static void keyValues(StringBuilder md, Map<String, ?> values) {
        md.append("| | |\n|---|---|\n");
        values.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(String.valueOf(v).replace("|", "\\|")).append(" |\n"));
    }
}
