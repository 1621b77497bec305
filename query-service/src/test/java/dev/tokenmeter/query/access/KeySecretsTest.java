package dev.tokenmeter.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeySecretsTest {

    @Test
    void aSecretIsTmAndBase64urlOf192RandomBits() {
        String secret = KeySecrets.newSecret();

        assertThat(secret).hasSize(35).startsWith("tm_").matches("tm_[A-Za-z0-9_-]{32}");
        assertThat(Base64.getUrlDecoder().decode(secret.substring(3))).hasSize(24);
        assertThat(KeySecrets.looksLikeSecret(secret)).isTrue();
    }

    @Test
    void secretsAndIdsDoNotRepeat() {
        Set<String> secrets = new HashSet<>();
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> {
            secrets.add(KeySecrets.newSecret());
            ids.add(KeySecrets.newId());
        });

        assertThat(secrets).hasSize(10_000);
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("key_[0-9a-f]{16}"));
    }

    @Test
    void theStoredHashIsSha256OfTheSecretsUtf8Bytes() {
        // FIPS 180-2 test vector
        assertThat(HexFormat.of().formatHex(KeySecrets.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String secret = KeySecrets.newSecret();
        assertThat(KeySecrets.hash(secret)).hasSize(32)
                .isEqualTo(KeySecrets.hash(new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        assertThat(KeySecrets.hash(secret)).isNotEqualTo(KeySecrets.hash(KeySecrets.newSecret()));
    }

    @Test
    void onlyTheWholeSecretMatches() {
        assertThat(KeySecrets.sameSecret("op-secret-0123456789abcdef0123456789", "op-secret-0123456789abcdef0123456789")).isTrue();
        assertThat(KeySecrets.sameSecret("op-secre", "op-secret-0123456789abcdef0123456789")).isFalse();
        assertThat(KeySecrets.sameSecret("op-secret-0123456789abcdef0123456789 ", "op-secret-0123456789abcdef0123456789")).isFalse();
        assertThat(KeySecrets.sameSecret("", "op-secret-0123456789abcdef0123456789")).isFalse();
    }

    @Test
    void valuesWithoutTheShapeOfASecretNeedNoLookup() {
        assertThat(KeySecrets.looksLikeSecret("op-secret-0123456789abcdef0123456789")).isFalse();
        assertThat(KeySecrets.looksLikeSecret("tm_short")).isFalse();
        assertThat(KeySecrets.looksLikeSecret("xx_" + "A".repeat(32))).isFalse();
    }
}
