package dev.tokenmeter.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ByteBudgetTest {

    final ByteBudget budget = new ByteBudget(100);

    @Test
    void batchesEnterWhileTheirBytesFit() {
        budget.acquire(60).as(StepVerifier::create).verifyComplete();
        budget.acquire(40).as(StepVerifier::create).verifyComplete();

        assertThat(budget.used()).isEqualTo(100);
    }

    @Test
    void aBatchThatDoesNotFitWaitsUntilEnoughIsReleased() {
        budget.acquire(80).block();
        Mono<Void> waiting = budget.acquire(30).cache();
        waiting.subscribe();

        StepVerifier.create(waiting).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel().verify();
        budget.release(80);

        waiting.as(StepVerifier::create).verifyComplete();
        assertThat(budget.used()).isEqualTo(30);
    }

    @Test
    void aBatchLargerThanTheWholeBudgetEntersAloneSoNothingWaitsForever() {
        budget.acquire(500).as(StepVerifier::create).verifyComplete();
        Mono<Void> next = budget.acquire(1).cache();
        next.subscribe();

        assertThat(budget.used()).isEqualTo(500);
        budget.release(500);
        next.as(StepVerifier::create).verifyComplete();
    }

    @Test
    void waitersEnterInArrivalOrder() {
        budget.acquire(100).block();
        Mono<Void> big = budget.acquire(90).cache();
        Mono<Void> small = budget.acquire(5).cache();
        big.subscribe();
        small.subscribe();

        budget.release(50);
        // 5 bytes would fit now, but the 90-byte batch came first.
        assertThat(budget.used()).isEqualTo(50);
        budget.release(50);

        big.as(StepVerifier::create).verifyComplete();
        small.as(StepVerifier::create).verifyComplete();
        assertThat(budget.used()).isEqualTo(95);
    }
}
