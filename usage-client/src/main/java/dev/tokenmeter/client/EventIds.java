package dev.tokenmeter.client;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Event ids for callers that have none: ULIDs (26 characters of Crockford base32: a 48-bit
 * millisecond timestamp, then 80 random bits), so ids sort by creation time as text.
 *
 * <p>Within one millisecond the random part is incremented rather than drawn again, so the ids
 * of one generator are strictly increasing even at high rates. 80 random bits per millisecond
 * make a collision between two processes negligible. Thread-safe.
 */
public final class EventIds {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final EventIds SHARED = new EventIds(Clock.systemUTC(), new SecureRandom());

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private long randomHigh; // upper 16 of the 80 random bits
    private long randomLow; // lower 64

    EventIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new id from the process-wide generator, e.g. {@code 01JD3X9QF6T0Y3K2M8V5R7N4QZ}. */
    public static String next() {
        return SHARED.generate();
    }

    synchronized String generate() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis) {
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
                if (randomHigh == 0) {
                    millis++; // 2^80 ids in one millisecond: borrow the next one
                }
            }
        }
        if (millis != lastMillis) {
            randomHigh = random.nextInt() & 0xFFFF;
            randomLow = random.nextLong();
            lastMillis = millis;
        }
        return encode(millis, randomHigh, randomLow);
    }

    private static String encode(long millis, long high, long low) {
        char[] id = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            id[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        // The 80 random bits (high:16, low:64) as 16 characters, least significant last:
        // characters 25..14 take bits 0..59 of low, 13 takes bits 60..63 of low and bit 0 of
        // high, 12..10 take bits 1..15 of high.
        long bits = low;
        for (int i = 25; i >= 14; i--) {
            id[i] = CROCKFORD[(int) (bits & 31)];
            bits >>>= 5;
        }
        id[13] = CROCKFORD[(int) (((low >>> 60) | (high << 4)) & 31)];
        bits = high >>> 1;
        for (int i = 12; i >= 10; i--) {
            id[i] = CROCKFORD[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(id);
    }
}
