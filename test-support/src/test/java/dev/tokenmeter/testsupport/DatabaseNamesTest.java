package dev.tokenmeter.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseNamesTest {

    static final class ApiKeysIT {
    }

    static final class HTTPIngestAccessIT {
    }

    static final class AVeryLongNameOfATestClassThatGoesOnAndOnForeverIT {
    }

    @Test
    void aTestClassNameBecomesALowerCaseSnakeCasePrefix() {
        assertEquals("api_keys_it", Infrastructure.prefix(ApiKeysIT.class));
        assertEquals("http_ingest_access_it", Infrastructure.prefix(HTTPIngestAccessIT.class));
    }

    @Test
    void aLongTestClassNameIsCutToTheFortyCharactersADatabasePrefixMayHave() {
        String prefix = Infrastructure.prefix(AVeryLongNameOfATestClassThatGoesOnAndOnForeverIT.class);
        assertEquals("a_very_long_name_of_a_test_class_that_go", prefix);
        assertTrue(prefix.matches("[a-z_][a-z0-9_]{0,39}"), prefix);
    }
}
