package dev.tokenmeter.query.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundGuardTest {

    static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.215.14",
            "rebinds.example.com", "10.1.2.3",
            "mixed.example.com", "93.184.215.14,10.1.2.3",
            "receiver.internal", "10.9.9.9",
            "in-block.example.com", "10.20.0.7");
    static final HostResolver RESOLVER = host -> {
        String answer = DNS.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return java.util.Arrays.stream(answer.split(",")).map(AddressesTest::literal).toList();
    };
    final OutboundGuard guard = new OutboundGuard(AllowList.of(List.of("receiver.internal", "127.0.0.1", "10.20.0.0/16")), RESOLVER);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.2/x", "https://10.0.0.1/x", "https://169.254.169.254/latest/meta-data/",
            "https://[::1]:8443/", "https://[::ffff:169.254.169.254]/", "https://[fd00::1]/", "https://0.0.0.0/",
            "https://localhost/", "https://api.localhost/", "https://metadata.google.internal/computeMetadata/v1/",
            "https://METADATA.google.internal./", "https://2130706433/", "https://127.1/", "https://0x7f000001/",
            "ftp://hooks.example.com/"})
    void nonPublicDestinationsAreRefusedWithoutResolving(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(OutboundRefused.class)
                .hasMessage(OutboundRefused.NON_PUBLIC);
    }

    @Test
    void httpIsRefusedOutsideTheAllowList() {
        assertThatThrownBy(() -> guard.check(URI.create("http://hooks.example.com/x")))
                .isInstanceOf(OutboundRefused.class)
                .hasMessage(OutboundRefused.HTTPS_REQUIRED);
        assertThatCode(() -> guard.check(URI.create("https://hooks.example.com/x"))).doesNotThrowAnyException();
    }

    @Test
    void allowListedNamesAndBlocksMayBePrivateAndUseHttp() {
        assertThatCode(() -> guard.check(URI.create("http://receiver.internal:9000/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://RECEIVER.internal./hook"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://127.0.0.1:8080/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://10.20.3.4/hook"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.2/hook"))).isInstanceOf(OutboundRefused.class);
        // a name that resolves into a listed block still needs https: the scheme is decided before resolving
        assertThatThrownBy(() -> guard.check(URI.create("http://in-block.example.com/hook"))).hasMessage(OutboundRefused.HTTPS_REQUIRED);
    }

    @Test
    void everyResolvedAddressIsCheckedAtConnectTime() throws Exception {
        assertThat(guard.addresses("hooks.example.com")).containsExactly(AddressesTest.literal("93.184.215.14"));
        assertThatThrownBy(() -> guard.addresses("rebinds.example.com")).hasMessage(OutboundRefused.NON_PUBLIC);
        assertThatThrownBy(() -> guard.addresses("mixed.example.com")).hasMessage(OutboundRefused.NON_PUBLIC);
        assertThatThrownBy(() -> guard.addresses("localhost")).hasMessage(OutboundRefused.NON_PUBLIC);
        assertThatThrownBy(() -> guard.addresses("169.254.169.254")).hasMessage(OutboundRefused.NON_PUBLIC);
        assertThatThrownBy(() -> guard.addresses("[::1]")).hasMessage(OutboundRefused.NON_PUBLIC);
        assertThatThrownBy(() -> guard.addresses("nowhere.example.com")).isInstanceOf(UnknownHostException.class);
        assertThat(guard.addresses("receiver.internal")).containsExactly(AddressesTest.literal("10.9.9.9"));
        assertThat(guard.addresses("in-block.example.com")).containsExactly(AddressesTest.literal("10.20.0.7"));
        assertThat(guard.addresses("127.0.0.1")).containsExactly(InetAddress.getLoopbackAddress());
    }

    @Test
    void anEmptyAllowListRefusesEveryNonPublicDestination() {
        OutboundGuard strict = new OutboundGuard(AllowList.of(List.of()), RESOLVER);
        assertThatThrownBy(() -> strict.check(URI.create("https://127.0.0.1/"))).hasMessage(OutboundRefused.NON_PUBLIC);
        assertThatThrownBy(() -> strict.addresses("receiver.internal")).hasMessage(OutboundRefused.NON_PUBLIC);
    }

    @Test
    void anAllowListEntryThatIsNeitherNameNorBlockStopsTheStart() {
        assertThatThrownBy(() -> AllowList.of(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> AllowList.of(List.of("http://x/"))).hasMessageContaining("http://x/");
        assertThatThrownBy(() -> AllowList.of(List.of("10.0.0.0/x"))).hasMessageContaining("prefix");
    }

    @Test
    void anIpv4BlockAlsoHoldsTheMappedFormsOfItsAddresses() {
        AllowList allow = AllowList.of(List.of("127.0.0.0/8", "fd00::/8"));
        assertThat(allow.holds(AddressesTest.literal("::ffff:127.0.0.1"))).isTrue();
        assertThat(allow.holds(AddressesTest.literal("127.9.9.9"))).isTrue();
        assertThat(allow.holds(AddressesTest.literal("fd12::1"))).isTrue();
        assertThat(allow.holds(AddressesTest.literal("fc00::1"))).isFalse();
        assertThat(allow.holds(AddressesTest.literal("10.0.0.1"))).isFalse();
    }

    @Test
    void failuresAreDescribedWithoutAddressesOrErrorText() {
        assertThat(OutboundGuard.describe(new RuntimeException("wrapped", OutboundRefused.nonPublic())))
                .isEqualTo(OutboundRefused.NON_PUBLIC);
        assertThat(OutboundGuard.describe(new ConnectException("Connection refused: /10.0.0.1:22"))).isEqualTo("connection failed");
        assertThat(OutboundGuard.describe(new UnknownHostException("db.internal"))).isEqualTo("connection failed");
        assertThat(OutboundGuard.describe(new TimeoutException())).isEqualTo("no answer within the timeout");
        assertThat(OutboundGuard.describe(new RuntimeException(new javax.net.ssl.SSLHandshakeException("x"))))
                .isEqualTo("TLS handshake failed");
    }

    @Test
    void masksKeepOnlySchemeHostAndPort() {
        assertThat(OutboundGuard.masked("https://hooks.slack.com/services/T0123/B456/secret")).isEqualTo("https://hooks.slack.com/…");
        assertThat(OutboundGuard.masked("http://127.0.0.1:8123/a/json?token=x")).isEqualTo("http://127.0.0.1:8123/…");
        assertThat(OutboundGuard.masked("not a url")).isEqualTo("…");
    }
}
