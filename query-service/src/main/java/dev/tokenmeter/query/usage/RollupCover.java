package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.range.Bucket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which rollup buckets (UTC days, hours, quarter hours) cover the aligned span of each requested
 * bucket, and with which sign: whole UTC days from the daily rollup, then whole hours, then quarter
 * hours — or, when several buckets are asked for and that reads fewer rollup rows, a UTC day of which
 * a bucket holds most as that day's row less the rest of the day. The rollups add up exactly (a day
 * is the sum of its hours and quarters), so every count, sum and histogram stays the same.
 */
record RollupCover(List<RollupCover.Part> parts) {

    static final long QUARTER = 900;
    static final long HOUR = 3_600;
    static final long DAY = 86_400;

    /**
     * Rollup buckets of one level ({@code step} seconds) read with one sign: in the requested bucket
     * of their time ({@code buckets} null), or each in the requested bucket of the same index. A
     * {@code twice} part's rows also count once more, positively, in the bucket of their time: the
     * hours a New York day takes away are the hours the day before adds, read once for both.
     */
    record Part(long step, int sign, List<Instant> starts, @Nullable List<Integer> buckets, boolean twice) {
    }

    /** The part of one level, sign and kind (placed or by time, never a twice-read one), added when missing. */
    private Part part(long step, int sign, boolean placed) {
        for (Part part : parts) {
            if (part.step() == step && part.sign() == sign && (part.buckets() != null) == placed && !part.twice()) {
                return part;
            }
        }
        Part part = new Part(step, sign, new ArrayList<>(), placed ? new ArrayList<>() : null, false);
        parts.add(part);
        return part;
    }

    /**
     * The rollup buckets that cover the aligned span of each requested bucket.
     *
     * @param subtract whether a bucket may take a whole UTC day's row less the rest of that day, when
     *                 that reads fewer rollup buckets than the part of the day it holds
     */
    static RollupCover of(List<Bucket> buckets, Instant alignedFrom, Instant alignedTo, boolean subtract) {
        RollupCover cover = new RollupCover(new ArrayList<>());
        for (int i = 0; i < buckets.size(); i++) {
            Instant start = max(buckets.get(i).start(), alignedFrom);
            Instant end = min(buckets.get(i).end(), alignedTo);
            Instant t = start;
            while (t.isBefore(end)) {
                Instant day = floor(t, DAY);
                Instant dayEnd = day.plusSeconds(DAY);
                Instant pieceEnd = min(dayEnd, end);
                Part days = cover.part(DAY, 1, true);
                boolean partial = t.isAfter(day) || pieceEnd.isBefore(dayEnd);
                if (subtract && partial && !days.starts().contains(day)
                        && 1 + units(day, t) + units(pieceEnd, dayEnd) < units(t, pieceEnd)) {
                    days.starts().add(day);
                    placed(days).add(i);
                    split(cover, day, t, -1, i);
                    split(cover, pieceEnd, dayEnd, -1, i);
                } else {
                    split(cover, t, pieceEnd, 1, null);
                }
                t = pieceEnd;
            }
        }
        if (subtract) {
            readOnce(cover, HOUR);
            readOnce(cover, QUARTER);
        }
        return cover;
    }

    /**
     * Rollup buckets that one requested bucket adds by their time and another takes away become one
     * {@code twice} part, so that each is read once.
     */
    private static void readOnce(RollupCover cover, long step) {
        Part byTime = cover.part(step, 1, false);
        Part takenAway = cover.part(step, -1, true);
        Set<Instant> added = new HashSet<>(byTime.starts());
        Part twice = new Part(step, -1, new ArrayList<>(), new ArrayList<>(), true);
        List<Instant> restStarts = new ArrayList<>();
        List<Integer> restBuckets = new ArrayList<>();
        for (int i = 0; i < takenAway.starts().size(); i++) {
            Instant start = takenAway.starts().get(i);
            boolean both = added.contains(start);
            (both ? twice.starts() : restStarts).add(start);
            (both ? placed(twice) : restBuckets).add(placed(takenAway).get(i));
        }
        if (twice.starts().isEmpty()) {
            return;
        }
        byTime.starts().removeAll(new HashSet<>(twice.starts()));
        takenAway.starts().clear();
        takenAway.starts().addAll(restStarts);
        placed(takenAway).clear();
        placed(takenAway).addAll(restBuckets);
        cover.parts().add(twice);
    }

    /** The buckets of a part that is placed in buckets (one asked for with {@code placed = true}). */
    private static List<Integer> placed(Part part) {
        return java.util.Objects.requireNonNull(part.buckets(), "a part placed in buckets");
    }

    /** Adds [start, end) — quarter-aligned, within one UTC day or exactly one — as whole days, then hours, then quarters. */
    private static void split(RollupCover cover, Instant start, Instant end, int sign, @Nullable Integer bucket) {
        Instant t = start;
        while (t.isBefore(end)) {
            long epoch = t.getEpochSecond();
            long step = epoch % DAY == 0 && !t.plusSeconds(DAY).isAfter(end)
                    ? DAY
                    : epoch % HOUR == 0 && !t.plusSeconds(HOUR).isAfter(end) ? HOUR : QUARTER;
            Part part = cover.part(step, sign, bucket != null);
            part.starts().add(t);
            if (bucket != null) {
                placed(part).add(bucket);
            }
            t = t.plusSeconds(step);
        }
    }

    /** How many rollup buckets {@link #split} reads for [start, end) within one UTC day. */
    private static int units(Instant start, Instant end) {
        int n = 0;
        Instant t = start;
        while (t.isBefore(end)) {
            long step = t.getEpochSecond() % HOUR == 0 && !t.plusSeconds(HOUR).isAfter(end) ? HOUR : QUARTER;
            t = t.plusSeconds(step);
            n++;
        }
        return n;
    }

    static Instant floor(Instant time, long seconds) {
        return Instant.ofEpochSecond(time.getEpochSecond() - Math.floorMod(time.getEpochSecond(), seconds));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
