package dev.tokenmeter.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class InFlightKeysTest {

    private static final InFlightKeys.Key A = new InFlightKeys.Key("t", "a");
    private static final InFlightKeys.Key B = new InFlightKeys.Key("t", "b");
    private static final InFlightKeys.Key C = new InFlightKeys.Key("t", "c");

    final InFlightKeys keys = new InFlightKeys();

    @Test
    void aBatchHoldingAnEarlierBatchsKeyWaitsForThatBatchOnly() {
        InFlightKeys.Claim first = keys.register(Set.of(A, B));
        InFlightKeys.Claim unrelated = keys.register(Set.of(new InFlightKeys.Key("u", "a")));
        InFlightKeys.Claim second = keys.register(Set.of(B, C));

        assertThat(first.held()).isEmpty();
        assertThat(unrelated.held()).isEmpty();
        assertThat(second.held()).containsExactly(B);
        StepVerifier.create(second.earlierDone()).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verify();

        unrelated.release().run();
        StepVerifier.create(second.earlierDone()).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verify();
        first.release().run();
        StepVerifier.create(second.earlierDone()).verifyComplete();
    }

    @Test
    void aReleasedBatchsKeysAreFreeForTheNextBatch() {
        keys.register(Set.of(A)).release().run();

        InFlightKeys.Claim next = keys.register(Set.of(A));

        assertThat(next.held()).isEmpty();
        StepVerifier.create(next.earlierDone()).verifyComplete();
        next.release().run();
        assertThat(keys.batchesInFlight()).isZero();
    }
}
