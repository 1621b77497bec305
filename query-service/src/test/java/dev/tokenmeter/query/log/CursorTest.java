package dev.tokenmeter.query.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    static final Instant TIME = Instant.parse("2026-03-01T10:15:30.123456Z");

    @Test
    void aCursorReadsBackAsTheSamePositionForEverySort() {
        Object[] values = {null, new BigDecimal("0.000000000001"), 12_345_678_901L, 17L, 3L, 812, "support-bot", "gpt-4o-mini"};
        LogSort[] sorts = LogSort.values();
        for (int i = 0; i < sorts.length; i++) {
            for (SortOrder order : SortOrder.values()) {
                Cursor cursor = new Cursor(sorts[i], order, values[i], TIME, "req_01:a.b-c");
                assertThat(Cursor.decode(cursor.encode(), sorts[i], order)).isEqualTo(cursor);
            }
        }
    }

    @Test
    void anEventWithoutLatencyIsAPositionToo() {
        Cursor cursor = new Cursor(LogSort.LATENCY, SortOrder.ASC, null, TIME, "e1");
        assertThat(Cursor.decode(cursor.encode(), LogSort.LATENCY, SortOrder.ASC).value()).isNull();
    }

    @Test
    void aProjectOrModelWithTheCursorsSeparatorsReadsBackUnchanged() {
        for (LogSort sort : new LogSort[] {LogSort.PROJECT, LogSort.MODEL}) {
            Cursor cursor = new Cursor(sort, SortOrder.ASC, "line one\nline two \u00e9\u6f22", TIME, "e1");
            assertThat(Cursor.decode(cursor.encode(), sort, SortOrder.ASC)).isEqualTo(cursor);
            Cursor none = new Cursor(sort, SortOrder.DESC, null, TIME, "e1");
            assertThat(Cursor.decode(none.encode(), sort, SortOrder.DESC).value()).isNull();
        }
    }

    @Test
    void aCursorIsUrlSafe() {
        String encoded = new Cursor(LogSort.COST, SortOrder.DESC, new BigDecimal("1.5"), TIME, "???>>>~~~").encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aCursorOfAnotherSortOrOrderIsRefused() {
        String cost = new Cursor(LogSort.COST, SortOrder.DESC, BigDecimal.ONE, TIME, "e1").encode();
        assertThatThrownBy(() -> Cursor.decode(cost, LogSort.TIME, SortOrder.DESC))
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("cursor"))
                .hasMessageContaining("sort=cost&order=desc");
        assertThatThrownBy(() -> Cursor.decode(cost, LogSort.COST, SortOrder.ASC))
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "djE", "not-base64-%%", "djEKdGltZQpkZXNjCgpub3QtYS10aW1lCmUx"})
    void aMalformedCursorIsABadCursorParameter(String encoded) {
        assertThatThrownBy(() -> Cursor.decode(encoded, LogSort.TIME, SortOrder.DESC))
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
    }

    @Test
    void aCursorWhoseSortKeyIsNotANumberIsMalformed() {
        assertThatThrownBy(() -> Cursor.decode(raw("v1\ncost\ndesc\nabc\n" + TIME + "\ne1"), LogSort.COST, SortOrder.DESC))
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        assertThatThrownBy(() -> Cursor.decode(raw("v1\ncost\ndesc\n\n" + TIME + "\ne1"), LogSort.COST, SortOrder.DESC))
                .isInstanceOf(BadParameter.class);
        assertThatThrownBy(() -> Cursor.decode(raw("v1\ntime\ndesc\n5\n" + TIME + "\ne1"), LogSort.TIME, SortOrder.DESC))
                .isInstanceOf(BadParameter.class);
        assertThatThrownBy(() -> Cursor.decode(raw("v1\ntime\ndesc\n\n" + TIME + "\n"), LogSort.TIME, SortOrder.DESC))
                .isInstanceOf(BadParameter.class);
    }

    private static String raw(String text) {
        return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
