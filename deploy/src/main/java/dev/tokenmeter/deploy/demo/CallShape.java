package dev.tokenmeter.deploy.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Token counts and latency of a successful call. Token counts are log-normal around the project's
 * medians; prompt caching follows each provider's rules (OpenAI caches prompts of 1024+ tokens in
 * 128-token steps; Anthropic reports explicit cache reads and writes; Gemini caches implicitly);
 * latency grows with input and, mostly, output tokens (reasoning included).
 */
final class CallShape {

    private static final long MAX_INPUT = 200_000;
    private static final long MAX_OUTPUT = 32_000;
    private static final double MS_PER_INPUT_TOKEN = 0.03;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private CallShape() {
    }

    static DemoEvent.Tokens tokens(ModelProfile model, Project project, RandomGenerator random) {
        long input = clamp(logNormal(project.inputMedian(), 0.55, random), 8, MAX_INPUT);
        if (model.kind() == ModelProfile.Kind.EMBEDDING) {
            return new DemoEvent.Tokens(input, 0, 0, 0, 0);
        }
        long visible = clamp(logNormal(project.outputMedian(), 0.7, random), 1, MAX_OUTPUT);
        long reasoning = model.reasoningMedian() == 0 ? 0 : clamp(logNormal(model.reasoningMedian(), 0.8, random), 0, MAX_OUTPUT);
        long cached = 0;
        long cacheWrite = 0;
        double roll = random.nextDouble();
        switch (model.provider()) {
            case Models.OPENAI -> {
                if (input >= 1024 && roll < 0.45) {
                    cached = Math.max(1024, (long) (input * random.nextDouble(0.5, 0.92)) / 128 * 128);
                }
            }
            case Models.ANTHROPIC -> {
                if (input >= 1024 && roll < 0.35) {
                    cached = (long) (input * random.nextDouble(0.55, 0.9));
                } else if (input >= 1024 && roll < 0.43) {
                    cacheWrite = (long) (input * random.nextDouble(0.5, 0.85));
                }
            }
            default -> {
                if (input >= 1024 && roll < 0.2) {
                    cached = (long) (input * random.nextDouble(0.3, 0.7));
                }
            }
        }
        return new DemoEvent.Tokens(input, Math.min(cached, input), cacheWrite, visible + reasoning, reasoning);
    }

    static int latencyMs(ModelProfile model, DemoEvent.Tokens tokens, RandomGenerator random) {
        double expected = model.firstTokenMs()
                + MS_PER_INPUT_TOKEN * tokens.inputTokens()
                + model.msPerOutputToken() * tokens.outputTokens();
        double noisy = expected * Math.exp(0.25 * random.nextGaussian());
        return (int) Math.min(Math.round(noisy), 600_000);
    }

    /** The provider-reported cost, for models whose calls report it (embeddings); else null. */
    static @Nullable BigDecimal reportedCost(ModelProfile model, DemoEvent.Tokens tokens) {
        BigDecimal perMillion = model.reportedUsdPerMillion();
        if (perMillion == null) {
            return null;
        }
        return perMillion.multiply(BigDecimal.valueOf(tokens.inputTokens() + tokens.outputTokens()))
                .divide(MILLION, 9, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    private static long logNormal(double median, double sigma, RandomGenerator random) {
        return Math.round(median * Math.exp(sigma * random.nextGaussian()));
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
