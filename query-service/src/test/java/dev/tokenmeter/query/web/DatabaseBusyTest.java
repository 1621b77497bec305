package dev.tokenmeter.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

class DatabaseBusyTest {

    @Test
    void aStatementCancelledByItsTimeoutIsBusyNotAFault() {
        var cancelled = new R2dbcNonTransientResourceException("canceling statement due to statement timeout", "57014");
        assertThat(DatabaseBusy.reason(new DataAccessResourceFailureException("failed", cancelled))).contains("57014");
        assertThat(DatabaseBusy.reason(cancelled)).contains("cancelled");
    }

    @Test
    void aLockNotGrantedInTimeIsBusy() {
        var lock = new R2dbcNonTransientResourceException("canceling statement due to lock timeout", "55P03");
        assertThat(DatabaseBusy.reason(new DataAccessResourceFailureException("failed", lock))).contains("lock");
    }

    @Test
    void noFreeConnectionInThePoolIsBusy() {
        var acquire = new R2dbcTimeoutException("Connection acquisition timed out after 5000ms");
        assertThat(DatabaseBusy.reason(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection", acquire)))
                .contains("connection");
    }

    @Test
    void otherDatabaseErrorsAreFaults() {
        var grammar = new R2dbcNonTransientResourceException("syntax error", "42601");
        assertThat(DatabaseBusy.reason(new DataIntegrityViolationException("duplicate", grammar))).isNull();
    }
}
