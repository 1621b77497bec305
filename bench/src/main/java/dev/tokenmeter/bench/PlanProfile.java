package dev.tokenmeter.bench;

import dev.tokenmeter.bench.report.Format;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the time of a many-CTE statement goes, from the plans {@code auto_explain} logged with
 * timings ({@code --profile}): the actual total time of each top-level CTE, summed over every
 * logged run of statements that contain {@code marker}.
 *
 * @param plans   how many logged plans matched
 * @param totalMs their summed duration
 * @param perCte  summed time per CTE, largest first
 */
public record PlanProfile(int plans, double totalMs, Map<String, Double> perCte) {

    private static final Pattern DURATION = Pattern.compile("duration: ([\\d.]+) ms {2}plan:");
    private static final Pattern CTE = Pattern.compile("^\\t {2}CTE (\\w+)$");
    private static final Pattern ACTUAL = Pattern.compile("actual time=[\\d.]+\\.\\.([\\d.]+)");

    public static PlanProfile read(Path postgresLog, String marker) throws IOException {
        String[] chunks = DURATION.split(Files.readString(postgresLog));
        Matcher durations = DURATION.matcher(Files.readString(postgresLog));
        Map<String, Double> perCte = new LinkedHashMap<>();
        int plans = 0;
        double total = 0;
        for (int i = 1; i < chunks.length && durations.find(); i++) {
            String plan = chunks[i];
            if (!plan.contains(marker)) {
                continue;
            }
            plans++;
            total += Double.parseDouble(durations.group(1));
            String[] lines = plan.split("\n");
            for (int l = 0; l + 1 < lines.length; l++) {
                Matcher cte = CTE.matcher(lines[l]);
                Matcher actual = ACTUAL.matcher(lines[l + 1]);
                if (cte.matches() && actual.find()) {
                    perCte.merge(cte.group(1), Double.parseDouble(actual.group(1)), Double::sum);
                }
            }
        }
        Map<String, Double> sorted = perCte.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new PlanProfile(plans, total, sorted);
    }

    /** {@code dim_rollup_15m 33%, dim_rollup_1h 26%, ...} of the statement's time. */
    public String describe(int limit) {
        return perCte.entrySet().stream().limit(limit)
                .map(e -> e.getKey() + " " + Format.percent(e.getValue() / totalMs))
                .collect(Collectors.joining(", "));
    }

    /** The share of the statement's time spent in CTEs whose name contains {@code part}. */
    public double share(String part) {
        return perCte.entrySet().stream().filter(e -> e.getKey().contains(part)).mapToDouble(Map.Entry::getValue).sum() / totalMs;
    }
}
