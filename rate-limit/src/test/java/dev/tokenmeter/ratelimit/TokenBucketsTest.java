package dev.tokenmeter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token buckets on a manual clock: bursts, refills, refunds and the bound on memory. */
class TokenBucketsTest {

    final ManualTime time = new ManualTime();
    final TokenBuckets buckets = new TokenBuckets(1000, Duration.ofMinutes(15), time);
    final Quota threePerSecond = new Quota(3, 1, Duration.ofSeconds(1));

    @Test
    void aBurstIsAllowedThenRefusedWithTheTimeUntilTheNextToken() {
        Draw key = new Draw("key", "k1", "requests", threePerSecond);
        assertThat(buckets.take(List.of(key)).remaining()).isEqualTo(2);
        buckets.take(List.of(key));
        Decision last = buckets.take(List.of(key));
        assertThat(last.allowed()).isTrue();
        assertThat(last.remaining()).isZero();

        time.advance(Duration.ofMillis(400));
        Decision refused = buckets.take(List.of(key));

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.nanosToRetry()).isEqualTo(Duration.ofMillis(600).toNanos());
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void aRefilledTokenIsAllowedAgain() {
        Draw key = new Draw("key", "k1", "requests", threePerSecond);
        for (int i = 0; i < 3; i++) {
            buckets.take(List.of(key));
        }
        assertThat(buckets.take(List.of(key)).allowed()).isFalse();

        time.advance(Duration.ofSeconds(1));

        assertThat(buckets.take(List.of(key)).allowed()).isTrue();
        assertThat(buckets.take(List.of(key)).allowed()).isFalse();
    }

    @Test
    void aRequestRefusedByItsTenantCostsItsKeyNothing() {
        Draw key = new Draw("key", "k1", "requests", new Quota(10, 1, Duration.ofSeconds(1)));
        Draw otherKey = new Draw("key", "k2", "requests", new Quota(10, 1, Duration.ofSeconds(1)));
        Draw tenant = new Draw("tenant", "acme", "requests", new Quota(2, 1, Duration.ofSeconds(1)));
        buckets.take(List.of(otherKey, tenant));
        buckets.take(List.of(otherKey, tenant));

        Decision refused = buckets.take(List.of(key, tenant));

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.draw().scope()).isEqualTo("tenant");
        time.advance(Duration.ofSeconds(10));
        assertThat(buckets.take(List.of(key)).remaining()).isEqualTo(9);
    }

    @Test
    void anAllowedRequestDescribesTheBucketWithFewestTokensLeft() {
        Draw key = new Draw("key", "k1", "requests", new Quota(100, 10, Duration.ofSeconds(1)));
        Draw tenant = new Draw("tenant", "acme", "requests", new Quota(5, 1, Duration.ofSeconds(1)));

        Decision decision = buckets.take(List.of(key, tenant));

        assertThat(decision.draw()).isEqualTo(tenant);
        assertThat(decision.remaining()).isEqualTo(4);
        assertThat(decision.nanosToReset()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void bucketsOfDifferentKeysAndPoolsAreSeparate() {
        Quota one = new Quota(1, 1, Duration.ofMinutes(1));
        assertThat(buckets.take(List.of(new Draw("key", "k1", "requests", one))).allowed()).isTrue();

        assertThat(buckets.take(List.of(new Draw("key", "k2", "requests", one))).allowed()).isTrue();
        assertThat(buckets.take(List.of(new Draw("key", "k1", "expensive", one))).allowed()).isTrue();
        assertThat(buckets.take(List.of(new Draw("tenant", "k1", "requests", one))).allowed()).isTrue();
        assertThat(buckets.take(List.of(new Draw("key", "k1", "requests", one))).allowed()).isFalse();
    }

    @Test
    void memoryHoldsAtMostTheConfiguredNumberOfBuckets() {
        TokenBuckets bounded = new TokenBuckets(100, Duration.ofMinutes(15), time);

        for (int i = 0; i < 10_000; i++) {
            bounded.take(List.of(new Draw("key", "k" + i, "requests", threePerSecond)));
        }

        assertThat(bounded.size()).isLessThanOrEqualTo(100);
    }
}
