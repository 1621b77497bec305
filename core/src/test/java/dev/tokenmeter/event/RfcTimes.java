package dev.tokenmeter.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Event times of many shapes, well-formed and not, for the tests that hold the time reader to the ISO formatter. */
final class RfcTimes {

    private RfcTimes() {
    }

    static List<String> shapes() {
        List<String> times = new ArrayList<>(List.of("2026-11-23T10:15:30Z", "2026-11-23T10:15:30.123Z", "2026-11-23T10:15:30.1Z",
                "2026-11-23T10:15:30.123456Z", "2026-11-23T10:15:30.1234567Z", "2026-11-23T10:15:30.123456789Z",
                "2026-11-23T10:15:30.1234567891Z", "2026-11-23T10:15:30.Z", "2026-11-23T10:15:30.000000000Z",
                "2026-11-23T11:00:00+05:30", "2026-11-23T05:00:00-05:00", "2026-11-23T10:15:30-00:00", "2026-11-23T10:15:30+00:00",
                "2026-11-23T10:15:30+18:00", "2026-11-23T10:15:30-18:00", "2026-11-23T10:15:30+18:01", "2026-11-23T10:15:30+19:00",
                "2026-11-23T10:15:30+05:60", "2026-11-23T10:15:30+05:30:15", "2026-11-23T10:15:30+0530", "2026-11-23T10:15:30+05",
                "2026-11-23t10:15:30z", "2026-11-23T10:15:30z", "2026-11-23t10:15:30Z", "2026-11-23 10:15:30Z", "2026-11-23T10:15Z",
                "2026-11-23T10:15:30", "2026-11-23", "2026-11-23T24:00:00Z", "2026-11-23T23:59:60Z", "2026-11-23T23:60:00Z",
                "2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-00-10T10:00:00Z",
                "2026-11-00T10:00:00Z", "0000-01-01T00:00:00Z", "+2026-11-23T10:15:30Z", "12026-11-23T10:15:30Z",
                "2026-1-23T10:15:30Z", "2026-11-23T1:15:30Z", "2026-11-23T10:15:30.123+01:00", "2026-11-23T10:15:30.123-01:30",
                "２０２６-11-23T10:15:30Z", "2026-11-23T10:15:30Z ", " 2026-11-23T10:15:30Z", "2026-11-23T10:15:30ZZ",
                "2026-11-23T10:15:30+05:30Z", "2026-11-22T23:59:59.9999996Z", "2026-11-23T12:04:59Z", "2026-11-23T12:05:00.000001Z",
                "2026-10-19T12:00:00Z", "2026-10-19T11:59:59.999999Z", "yesterday", ""));
        Random random = new Random(1123);
        String alphabet = "0123456789-:T.Z+z ";
        for (int i = 0; i < 2000; i++) {
            StringBuilder time = new StringBuilder(times.get(random.nextInt(12)));
            int at = random.nextInt(time.length());
            switch (random.nextInt(3)) {
                case 0 -> time.deleteCharAt(at);
                case 1 -> time.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> time.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            times.add(time.toString());
        }
        return times;
    }
}
