package dev.tokenmeter.deploy.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the demo tenant's usage events. Deterministic: the same seed, ids and times give the same
 * events. About 2% of calls fail with an error and 0.5% time out. Not thread-safe.
 */
public final class EventGenerator {

    public static final String TENANT = "demo";
    static final double ERROR_SHARE = 0.02;
    static final double TIMEOUT_SHARE = 0.005;

    private final DemoWorld world;
    private final SplittableRandom random;

    public EventGenerator(long seed) {
        this(DemoWorld.standard(), seed);
    }

    EventGenerator(DemoWorld world, long seed) {
        this.world = world;
        this.random = new SplittableRandom(seed);
    }

    /** The call made at {@code time}, identified by {@code id} (unique within the tenant). */
    public DemoEvent next(String id, Instant time) {
        Instant at = time.truncatedTo(ChronoUnit.MILLIS);
        Project project = world.pickProject(ZonedDateTime.ofInstant(at, ZoneOffset.UTC), random);
        ModelProfile model = Weighted.pick(project.models(), random);
        DemoKey key = Weighted.pick(project.keys(), random);
        String user = project.userPrefix() == null ? null : project.userPrefix() + (1000 + skewed(project.users()));
        String endpoint = endpoint(model, project);
        Map<String, String> tags = Map.of("env", key.env(), "team", project.team());
        double outcome = random.nextDouble();
        if (outcome < TIMEOUT_SHARE + ERROR_SHARE) {
            Failures.Kind failure = outcome < TIMEOUT_SHARE
                    ? Failures.timeout(project.userPrefix() != null)
                    : Failures.error(model.provider(), random);
            return new DemoEvent(id, TENANT, at, model.provider(), model.model(), endpoint, project.name(), key.name(), user,
                    outcome < TIMEOUT_SHARE ? "timeout" : "error", failure.failure(), failure.latency(random),
                    DemoEvent.Tokens.NONE, CallShape.reportedCost(model, DemoEvent.Tokens.NONE), tags);
        }
        DemoEvent.Tokens tokens = CallShape.tokens(model, project, random);
        return new DemoEvent(id, TENANT, at, model.provider(), model.model(), endpoint, project.name(), key.name(), user,
                "success", null, CallShape.latencyMs(model, tokens, random), tokens, CallShape.reportedCost(model, tokens), tags);
    }

    /** A few heavy users and a long tail of occasional ones. */
    private int skewed(int users) {
        return (int) (users * Math.pow(random.nextDouble(), 2.2));
    }

    private static String endpoint(ModelProfile model, Project project) {
        return switch (model.provider()) {
            case Models.ANTHROPIC -> "messages";
            case Models.GOOGLE -> "generateContent";
            default -> model.kind() == ModelProfile.Kind.EMBEDDING ? "embeddings" : project.chatEndpoint();
        };
    }
}
