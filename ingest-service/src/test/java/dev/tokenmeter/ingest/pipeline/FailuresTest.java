package dev.tokenmeter.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class FailuresTest {

    @Test
    void onlyDataExceptionsAndIntegrityViolationsAreRefusedData() {
        assertThat(Failures.refusedData(new R2dbcNonTransientResourceException("numeric field overflow", "22003"))).isTrue();
        assertThat(Failures.refusedData(new R2dbcDataIntegrityViolationException("check violated", "23514"))).isTrue();

        assertThat(Failures.refusedData(new R2dbcTransientResourceException("connection lost", "08006"))).isFalse();
        assertThat(Failures.refusedData(new R2dbcTransientResourceException("deadlock", "40P01"))).isFalse();
        assertThat(Failures.refusedData(new R2dbcTransientResourceException("out of memory", "53200"))).isFalse();
        assertThat(Failures.refusedData(new R2dbcTransientResourceException("terminated by administrator", "57P01"))).isFalse();
        assertThat(Failures.refusedData(new R2dbcBadGrammarException("relation does not exist", "42P01"))).isFalse();
        assertThat(Failures.refusedData(new R2dbcPermissionDeniedException("permission denied", "42501"))).isFalse();
        assertThat(Failures.refusedData(new R2dbcException("not supported", "0A000") {
        })).isFalse();
        assertThat(Failures.refusedData(new R2dbcException("internal error", "XX000") {
        })).isFalse();
        assertThat(Failures.refusedData(new TimeoutException())).isFalse();
    }

    @Test
    void theDatabaseErrorIsFoundBehindSpringsTranslation() {
        var translated = new DataIntegrityViolationException("insert failed",
                new R2dbcDataIntegrityViolationException("new row violates check constraint", "23514"));

        assertThat(Failures.refusedData(translated)).isTrue();
        assertThat(Failures.describe(translated)).isEqualTo("SQLSTATE 23514: new row violates check constraint");
        assertThat(Failures.kind(translated)).isEqualTo("sqlstate_23");
        assertThat(Failures.kind(new TimeoutException())).isEqualTo("timeout");
    }
}
