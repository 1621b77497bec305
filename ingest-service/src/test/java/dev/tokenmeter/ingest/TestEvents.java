package dev.tokenmeter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/** Realistic usage events as JSON, deterministic per seed. */
final class TestEvents {

    private static final String[][] MODELS = {
            {"openai", "gpt-4o"}, {"openai", "gpt-4o-mini"}, {"openai", "o4-mini"}, {"anthropic", "claude-sonnet-4-5"},
            {"anthropic", "claude-haiku-4-5"}, {"google", "gemini-2.5-flash"}, {"openai", "gpt-99-preview"}};
    private static final String[] STATUS = {"success", "success", "success", "success", "success", "success",
            "success", "success", "error", "timeout"};

    private final Random random;
    private final Instant now = Instant.now();

    TestEvents(long seed) {
        this.random = new Random(seed);
    }

    /** A valid event of the tenant, its time within the last 20 days. */
    String event(String tenant, String id) {
        String[] model = MODELS[random.nextInt(MODELS.length)];
        long input = random.nextInt(20_000);
        long cached = random.nextBoolean() ? random.nextLong(input + 1) : 0;
        long cacheWrite = model[0].equals("anthropic") && random.nextBoolean() ? random.nextLong(input - cached + 1) : 0;
        long output = random.nextInt(4_000);
        long reasoning = model[1].startsWith("o") ? random.nextLong(output + 1) : 0;
        Instant time = now.minus(Duration.ofSeconds(random.nextInt(20 * 86_400)));
        StringBuilder json = new StringBuilder(400)
                .append("{\"id\":\"").append(id).append("\",\"tenant\":\"").append(tenant)
                .append("\",\"time\":\"").append(time).append("\",\"provider\":\"").append(model[0])
                .append("\",\"model\":\"").append(model[1]).append('"');
        if (random.nextInt(10) > 0) {
            json.append(",\"endpoint\":\"").append(random.nextBoolean() ? "chat.completions" : "responses").append('"');
        }
        if (random.nextInt(5) > 0) {
            json.append(",\"project\":\"project-").append(random.nextInt(5)).append('"');
        }
        if (random.nextInt(5) > 0) {
            json.append(",\"apiKey\":\"key_").append(random.nextInt(8)).append('"');
        }
        String status = STATUS[random.nextInt(STATUS.length)];
        json.append(",\"status\":\"").append(status).append('"');
        if (!status.equals("success")) {
            json.append(",\"error\":{\"type\":\"upstream\",\"message\":\"boom\"}");
        }
        if (random.nextInt(20) > 0) {
            json.append(",\"latencyMs\":").append((int) Math.min(3_600_000, Math.exp(5 + 1.5 * random.nextGaussian())));
        }
        json.append(String.format(Locale.ROOT,
                ",\"usage\":{\"inputTokens\":%d,\"cachedInputTokens\":%d,\"cacheWriteTokens\":%d,\"outputTokens\":%d,\"reasoningTokens\":%d}",
                input, cached, cacheWrite, output, reasoning));
        if (random.nextInt(10) == 0) {
            json.append(",\"costUsd\":").append(random.nextInt(100_000)).append("e-9");
        }
        // A user for most events (from the id, so the random sequence of every other field stays as it was).
        int user = Math.floorMod(id.hashCode(), 7);
        if (user > 0) {
            json.append(",\"user\":\"user-").append(user).append('"');
        }
        json.append(",\"tags\":{\"env\":\"").append(random.nextBoolean() ? "prod" : "dev").append("\"}}");
        return json.toString();
    }
}
