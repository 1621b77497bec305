package dev.tokenmeter.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Cache-Control per route. */
class CacheHeadersTest {

    @Test
    void apiAndActuatorAnswersAreNeverStored() {
        assertThat(CacheHeaders.cacheControl("/api/v1/usage/summary", HttpStatus.OK)).isEqualTo("no-store");
        assertThat(CacheHeaders.cacheControl("/api/v1/usage/summary", HttpStatus.TOO_MANY_REQUESTS)).isEqualTo("no-store");
        assertThat(CacheHeaders.cacheControl("/actuator/health", HttpStatus.OK)).isEqualTo("no-store");
    }

    @Test
    void hashedAssetsAreImmutableForAYearButOnlyWhenFound() {
        assertThat(CacheHeaders.cacheControl("/assets/index-9pquNOkp.js", HttpStatus.OK)).isEqualTo("public, max-age=31536000, immutable");
        assertThat(CacheHeaders.cacheControl("/assets/index-9pquNOkp.js", null)).isEqualTo("public, max-age=31536000, immutable");
        assertThat(CacheHeaders.cacheControl("/assets/missing.js", HttpStatus.NOT_FOUND)).isEqualTo("no-cache");
    }

    @Test
    void theAppShellIsRevalidatedOnEveryLoad() {
        for (String path : new String[] {"/", "/log", "/index.html", "/favicon.svg"}) {
            assertThat(CacheHeaders.cacheControl(path, HttpStatus.OK)).as(path).isEqualTo("no-cache");
        }
    }
}
