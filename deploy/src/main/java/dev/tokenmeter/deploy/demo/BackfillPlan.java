package dev.tokenmeter.deploy.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * When the history's events happen: {@code events} calls over the 30 days before {@code anchor},
 * spread by the projects' rhythms (busy weekday business hours, quiet nights and weekends), a 30%
 * growth over the month and a little day-to-day noise. Deterministic for a given seed.
 */
public final class BackfillPlan {

    public static final Duration SPAN = Duration.ofDays(30);
    private static final int HOURS = (int) SPAN.toHours();
    private static final double GROWTH = 0.30;

    private final Instant anchor;
    private final int[] perHour;
    private final long seed;

    public BackfillPlan(Instant anchor, int events, long seed) {
        this(DemoWorld.standard(), anchor, events, seed);
    }

    BackfillPlan(DemoWorld world, Instant anchor, int events, long seed) {
        this.anchor = anchor;
        this.seed = seed;
        this.perHour = allocate(weights(world, start(anchor), new SplittableRandom(seed)), events);
    }

    private static Instant start(Instant anchor) {
        return anchor.minus(SPAN);
    }

    private static double[] weights(DemoWorld world, Instant start, SplittableRandom random) {
        double[] dayNoise = new double[HOURS / 24 + 1];
        Arrays.setAll(dayNoise, day -> random.nextDouble(0.85, 1.15));
        double[] weights = new double[HOURS];
        for (int hour = 0; hour < HOURS; hour++) {
            ZonedDateTime middle = ZonedDateTime.ofInstant(start.plus(Duration.ofMinutes(60L * hour + 30)), ZoneOffset.UTC);
            double growth = 1 + GROWTH * hour / HOURS;
            weights[hour] = world.intensity(middle) * growth * dayNoise[hour / 24];
        }
        return weights;
    }

    /** Splits {@code events} in proportion to the weights; the rounding remainders go to the largest fractions. */
    private static int[] allocate(double[] weights, int events) {
        double total = Arrays.stream(weights).sum();
        int[] counts = new int[weights.length];
        double[] fractions = new double[weights.length];
        int allocated = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = events * weights[i] / total;
            counts[i] = (int) exact;
            fractions[i] = exact - counts[i];
            allocated += counts[i];
        }
        Integer[] byFraction = new Integer[weights.length];
        Arrays.setAll(byFraction, i -> i);
        Arrays.sort(byFraction, (a, b) -> Double.compare(fractions[b], fractions[a]));
        for (int i = 0; i < events - allocated; i++) {
            counts[byFraction[i]]++;
        }
        return counts;
    }

    /** Events per hour, oldest hour first; hour {@code i} starts {@code anchor − 30 d + i h}. */
    public int[] perHour() {
        return perHour.clone();
    }

    public int events() {
        return Arrays.stream(perHour).sum();
    }

    /** Every event time, in order, from {@code anchor − 30 d} (inclusive) to {@code anchor} (exclusive). */
    public void forEach(Consumer<Instant> action) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Instant start = start(anchor);
        for (int hour = 0; hour < perHour.length; hour++) {
            long[] millis = new long[perHour[hour]];
            Arrays.setAll(millis, i -> random.nextLong(3_600_000L));
            Arrays.sort(millis);
            Instant slot = start.plus(Duration.ofHours(hour));
            for (long offset : millis) {
                action.accept(slot.plusMillis(offset));
            }
        }
    }
}
