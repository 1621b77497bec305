package dev.tokenmeter.query.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureTest {

    private static final String BODY = "{\"id\":\"alr_0123456789abcdef\",\"share\":0.5}";

    @Test
    void signsTimestampDotBodyWithHmacSha256AsLowerCaseHex() {
        // printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac 'whsec_test_secret_0123'
        assertThat(Signature.sign("whsec_test_secret_0123", 1_700_000_000L, BODY))
                .isEqualTo("sha256=144039985c059aa1657ec48e9764e495775e861191b376f1e7274585030734dc");
    }

    @Test
    void anotherTimestampOrSecretOrBodyGivesAnotherSignature() {
        String signature = Signature.sign("whsec_test_secret_0123", 1_700_000_000L, BODY);
        assertThat(Signature.sign("whsec_test_secret_0123", 1_700_000_001L, BODY)).isNotEqualTo(signature);
        assertThat(Signature.sign("whsec_test_secret_0124", 1_700_000_000L, BODY)).isNotEqualTo(signature);
        assertThat(Signature.sign("whsec_test_secret_0123", 1_700_000_000L, BODY.replace("0.5", "0.50"))).isNotEqualTo(signature);
    }

    @Test
    void signsTheUtf8BytesOfTheBody() {
        // printf '%s' '1.{"name":"Überbudget ✓"}' | openssl dgst -sha256 -hmac 'whsec_test_secret_0123'
        assertThat(Signature.sign("whsec_test_secret_0123", 1L, "{\"name\":\"Überbudget ✓\"}"))
                .isEqualTo("sha256=0d6d2545e8dbd52986437550f094911b7bc5304238bb76e796784d87d409a6f2");
    }
}
