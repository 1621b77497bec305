package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Path REPO = Path.of("/src/tokenmeter");
    private static final Path CWD = Path.of("/home/ada");

    private static Options parse(List<String> args, Map<String, String> env) {
        return Options.parse(args, env, CWD, REPO);
    }

    @Test
    void noFlagsMeansDemoTrafficDefaultPortsAndDataUnderTheRepository() {
        Options options = parse(List.of(), Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of("/src/tokenmeter/data/local"));
        assertThat(options.fresh()).isFalse();
        assertThat(options.demo()).isTrue();
        assertThat(options.demoRate()).isEqualTo(20);
        assertThat(options.backfillEvents()).isEqualTo(150_000);
        assertThat(options.operatorKey()).isNull();
        assertThat(options.help()).isFalse();
        assertThat(options.ports()).isEqualTo(new Ports(15432, 19092, 19093, 8081, 8080, 9081, 9080));
        assertThat(options.listen()).isEqualTo("127.0.0.1");
    }

    @Test
    void everyFlagIsRead() {
        Options options = parse(List.of("--data-dir", "/var/tm", "--fresh", "--no-demo", "--demo-rate", "5",
                "--backfill-events", "1000"), Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of("/var/tm"));
        assertThat(options.fresh()).isTrue();
        assertThat(options.demo()).isFalse();
        assertThat(options.demoRate()).isEqualTo(5);
        assertThat(options.backfillEvents()).isEqualTo(1000);
    }

    @Test
    void valuesMayFollowAnEqualsSign() {
        Options options = parse(List.of("--data-dir=tm-data", "--demo-rate=0"), Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of("/home/ada/tm-data"));
        assertThat(options.demoRate()).isZero();
    }

    @Test
    void aRelativeDataDirIsResolvedAgainstTheWorkingDirectory() {
        assertThat(parse(List.of("--data-dir", "../elsewhere"), Map.of()).dataDir()).isEqualTo(Path.of("/home/elsewhere"));
    }

    @Test
    void portsAndTheOperatorKeyComeFromTheEnvironment() {
        Options options = parse(List.of(), Map.of(
                "TOKENMETER_PG_PORT", "25432", "TOKENMETER_KAFKA_PORT", "29092", "TOKENMETER_INGEST_PORT", "18081",
                "TOKENMETER_QUERY_PORT", "18080", "TOKENMETER_INGEST_MANAGEMENT_PORT", "19181",
                "TOKENMETER_QUERY_MANAGEMENT_PORT", "19180", "TOKENMETER_OPERATOR_KEY", " op-secret "));

        assertThat(options.ports()).isEqualTo(new Ports(25432, 29092, 29093, 18081, 18080, 19181, 19180));
        assertThat(options.operatorKey()).isEqualTo("op-secret");
    }

    @Test
    void listenTakesAnIpv4OrIpv6LiteralForTheApiPorts() {
        assertThat(parse(List.of("--listen", "0.0.0.0"), Map.of()).listen()).isEqualTo("0.0.0.0");
        assertThat(parse(List.of("--listen=192.168.1.20"), Map.of()).listen()).isEqualTo("192.168.1.20");
        assertThat(parse(List.of("--listen", "::"), Map.of()).listen()).isEqualTo("0:0:0:0:0:0:0:0");
        assertThat(parse(List.of("--listen", "[::1]"), Map.of()).listen()).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void listenRefusesHostNamesAndMalformedAddresses() {
        for (String bad : List.of("localhost", "example.com", "256.1.1.1", "1.2.3", "::g", "")) {
            assertThatThrownBy(() -> parse(List.of("--listen", bad), Map.of())).as(bad)
                    .isInstanceOf(UsageException.class).hasMessageContaining("--listen needs an IP address");
        }
        assertThatThrownBy(() -> parse(List.of("--listen"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--listen needs a value");
    }

    @Test
    void theBannerNamesLocalhostForLoopbackAndEveryInterfaceElseTheAddress() {
        assertThat(ReadyBanner.host("127.0.0.1")).isEqualTo("localhost");
        assertThat(ReadyBanner.host("0.0.0.0")).isEqualTo("localhost");
        assertThat(ReadyBanner.host("0:0:0:0:0:0:0:0")).isEqualTo("localhost");
        assertThat(ReadyBanner.host("192.168.1.20")).isEqualTo("192.168.1.20");
        assertThat(ReadyBanner.host("0:0:0:0:0:0:0:1")).isEqualTo("[0:0:0:0:0:0:0:1]");
    }

    @Test
    void servicesBindTheirApiToTheListenAddressAndTheirManagementToLoopback() {
        assertThat(Services.addresses("0.0.0.0"))
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    }

    @Test
    void aBlankOperatorKeyMeansGenerateOne() {
        assertThat(parse(List.of(), Map.of("TOKENMETER_OPERATOR_KEY", "  ")).operatorKey()).isNull();
    }

    @Test
    void helpIsRecognised() {
        assertThat(parse(List.of("--help"), Map.of()).help()).isTrue();
        assertThat(parse(List.of("-h"), Map.of()).help()).isTrue();
    }

    @Test
    void unknownFlagsAndBadValuesAreRejectedByName() {
        assertThatThrownBy(() -> parse(List.of("--turbo"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--turbo");
        assertThatThrownBy(() -> parse(List.of("--demo-rate", "fast"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--demo-rate").hasMessageContaining("fast");
        assertThatThrownBy(() -> parse(List.of("--demo-rate", "-1"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--demo-rate");
        assertThatThrownBy(() -> parse(List.of("--data-dir"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> parse(List.of("--fresh=yes"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--fresh takes no value");
    }

    @Test
    void badPortsAreRejectedByVariable() {
        assertThatThrownBy(() -> parse(List.of(), Map.of("TOKENMETER_PG_PORT", "70000")))
                .isInstanceOf(UsageException.class).hasMessageContaining("TOKENMETER_PG_PORT=70000");
        assertThatThrownBy(() -> parse(List.of(), Map.of("TOKENMETER_INGEST_PORT", "8080")))
                .isInstanceOf(UsageException.class).hasMessageContaining("share a port");
        assertThatThrownBy(() -> parse(List.of(), Map.of("TOKENMETER_QUERY_MANAGEMENT_PORT", "8080")))
                .isInstanceOf(UsageException.class).hasMessageContaining("share a port");
        assertThatThrownBy(() -> parse(List.of(), Map.of("TOKENMETER_INGEST_MANAGEMENT_PORT", "0")))
                .isInstanceOf(UsageException.class).hasMessageContaining("TOKENMETER_INGEST_MANAGEMENT_PORT=0");
    }
}
