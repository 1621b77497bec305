package dev.tokenmeter.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The samples of a Prometheus text exposition ({@code /actuator/prometheus} of a management port), and the two
 * questions the bench asks of them: a sum over matching series and a histogram quantile.
 */
public final class PromText {

    /** One line: {@code name{label="value",...} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PromText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PromText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Sample sample = sample(trimmed);
            if (sample != null) {
                samples.add(sample);
            }
        }
        return new PromText(samples);
    }

    private static @Nullable Sample sample(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int end = labels(line, brace + 1, labels);
            space = end + 1;
        } else {
            space = line.indexOf(' ');
            if (space < 0) {
                return null;
            }
            name = line.substring(0, space);
        }
        String[] rest = line.substring(space).strip().split(" ");
        try {
            return new Sample(name, Map.copyOf(labels), parseValue(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads {@code a="x",b="y"} from {@code start}; answers the index of the closing brace. */
    private static int labels(String line, int start, Map<String, String> into) {
        int i = start;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            into.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of every series named {@code name} whose labels include {@code match}; 0 when none. */
    public double sum(String name, Map<String, String> match) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /**
     * The q-quantile of a histogram from its cumulative {@code <name>_bucket{le=...}} series, as
     * PromQL's {@code histogram_quantile} computes it: linear interpolation inside the bucket that
     * holds the rank, the lower bound of the first bucket being 0; a rank in the +Inf bucket answers
     * the highest finite bound. Null when the histogram has no observations.
     */
    public @Nullable Double histogramQuantile(String name, double q) {
        Map<Double, Double> cumulative = new LinkedHashMap<>();
        for (Sample s : samples) {
            String le = s.labels().get("le");
            if (s.name().equals(name + "_bucket") && le != null) {
                cumulative.merge(parseValue(le), s.value(), Double::sum);
            }
        }
        return quantile(cumulative, q);
    }

    /** {@link #histogramQuantile} over buckets given as upper bound to cumulative count. */
    public static @Nullable Double quantile(Map<Double, Double> cumulativeByUpperBound, double q) {
        List<Map.Entry<Double, Double>> buckets = cumulativeByUpperBound.entrySet().stream()
                .sorted(Comparator.comparingDouble(Map.Entry::getKey))
                .toList();
        if (buckets.isEmpty()) {
            return null;
        }
        double total = buckets.get(buckets.size() - 1).getValue();
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets) {
            double upperBound = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank && count > lowerCount) {
                if (Double.isInfinite(upperBound)) {
                    return lowerBound;
                }
                return lowerBound + (upperBound - lowerBound) * (rank - lowerCount) / (count - lowerCount);
            }
            lowerBound = upperBound;
            lowerCount = count;
        }
        return lowerBound;
    }
}
