package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HistogramsTest {

    @Test
    void concatenatedJsonbObjectsAddUpPerBucket() {
        Map<Integer, Long> merged = new HashMap<>();
        Histograms.addAll("{\"0\": 2, \"57\": 1}{}{\"57\": 40, \"176\": 3000000000}", merged);
        assertThat(merged).containsExactlyInAnyOrderEntriesOf(Map.of(0, 2L, 57, 41L, 176, 3_000_000_000L));
    }

    @Test
    void countsIntoAnArrayByBucketAndGrowsItForABucketBeyondIt() {
        long[] counts = Histograms.addAll("{\"3\": 2}{\"3\": 5, \"176\": 1}", new long[Histograms.BUCKETS]);
        counts = Histograms.addAll("{\"200\": 7}", counts);

        assertThat(counts).hasSize(201);
        assertThat(Histograms.toMap(counts)).containsExactlyInAnyOrderEntriesOf(Map.of(3, 7L, 176, 1L, 200, 7L));
    }

    @Test
    void addsToWhatIsAlreadyThere() {
        Map<Integer, Long> merged = new HashMap<>(Map.of(12, 5L));
        Histograms.addAll("{\"12\": 1}", merged);
        assertThat(merged).containsExactlyEntriesOf(Map.of(12, 6L));
    }

    @Test
    void randomHistogramsMergeLikeAMapSum() {
        Random random = new Random(3);
        Map<Integer, Long> expected = new TreeMap<>();
        StringBuilder text = new StringBuilder();
        for (int h = 0; h < 200; h++) {
            Map<Integer, Long> one = new TreeMap<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                one.put(random.nextInt(177), 1L + random.nextInt(1_000_000));
            }
            one.forEach((bucket, count) -> expected.merge(bucket, count, Long::sum));
            StringBuilder json = new StringBuilder("{");
            one.forEach(
                    (bucket, count) -> json.append(json.length() > 1 ? ", " : "").append('"').append(bucket).append("\": ").append(count));
            text.append(json).append('}');
        }
        Map<Integer, Long> merged = new HashMap<>();
        Histograms.addAll(text.toString(), merged);
        assertThat(new TreeMap<>(merged)).isEqualTo(expected);
    }

    @Test
    void aBucketWithoutItsCountIsRejected() {
        assertThatThrownBy(() -> Histograms.addAll("{\"12\": }", new HashMap<>())).isInstanceOf(IllegalArgumentException.class);
    }
}
