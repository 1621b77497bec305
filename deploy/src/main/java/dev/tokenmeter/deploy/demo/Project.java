package dev.tokenmeter.deploy.demo;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A project of the demo tenant: its own keys, models, users and rhythm.
 *
 * @param share        its traffic in its busiest hour, relative to the other projects'
 * @param chatEndpoint the OpenAI endpoint it calls for generation ({@code chat.completions} or {@code responses})
 * @param inputMedian  median prompt tokens of a call
 * @param outputMedian median visible completion tokens of a call (reasoning comes on top)
 * @param userPrefix   prefix of its user ids, or null when calls have no end user (batch jobs)
 * @param users        how many distinct users it has
 */
record Project(String name, String team, Rhythm rhythm, double share, String chatEndpoint,
        int inputMedian, int outputMedian, @Nullable String userPrefix, int users,
        List<Weighted<ModelProfile>> models, List<Weighted<DemoKey>> keys) {
}
