package dev.tokenmeter.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.deploy.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class ReplayOptionsTest {

    private static ReplayOptions parse(String... args) {
        return ReplayOptions.parse(List.of(args), Map.of());
    }

    @Test
    void noFlagsReadsWhatTheGroupHasNotReadFromTheLocalStacksBrokerAndReplaysEverything() {
        ReplayOptions options = parse();

        assertThat(options.bootstrap()).isEqualTo("localhost:19092");
        assertThat(options.dlqTopic()).isEqualTo("usage-events.dlq");
        assertThat(options.topic()).isEqualTo("usage-events");
        assertThat(options.group()).isEqualTo("tokenmeter-dlq-replay");
        assertThat(options.all()).isFalse();
        assertThat(options.dryRun()).isFalse();
        assertThat(options.selection()).isEqualTo(Selection.ALL);
        assertThat(options.fixUp().changesValues()).isFalse();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.kafkaConfig()).isNull();
        assertThat(options.help()).isFalse();
    }

    @Test
    void theBootstrapDefaultsToTheEnvironmentsBrokerOrTheLocalStacksPort() {
        assertThat(ReplayOptions.parse(List.of(), Map.of("TOKENMETER_KAFKA_BOOTSTRAP", "kafka:9092", "TOKENMETER_KAFKA_PORT", "1"))
                .bootstrap()).isEqualTo("kafka:9092");
        assertThat(ReplayOptions.parse(List.of(), Map.of("TOKENMETER_KAFKA_PORT", "29092")).bootstrap()).isEqualTo("localhost:29092");
        assertThat(ReplayOptions.parse(List.of("--bootstrap", "b:1"), Map.of("TOKENMETER_KAFKA_BOOTSTRAP", "kafka:9092"))
                .bootstrap()).isEqualTo("b:1");
    }

    @Test
    void everyFlagIsRead() {
        ReplayOptions options = parse("--bootstrap=broker:9093", "--dlq-topic", "dead", "--topic", "events", "--group", "g",
                "--all", "--dry-run", "--reason", "too_old", "--reason=in_future", "--tenant", "acme", "--tenant", "globex",
                "--since", "2026-12-01", "--until", "2026-12-02T12:00:00+01:00", "--set", "tenant=acme",
                "--drop-field", "costUsd", "--set-json", "latencyMs=120", "--fix-command", "jq -c .", "--fix-timeout", "500ms",
                "--timeout", "2m", "--kafka-config", "client.properties");

        assertThat(options.bootstrap()).isEqualTo("broker:9093");
        assertThat(options.dlqTopic()).isEqualTo("dead");
        assertThat(options.topic()).isEqualTo("events");
        assertThat(options.group()).isEqualTo("g");
        assertThat(options.all()).isTrue();
        assertThat(options.dryRun()).isTrue();
        assertThat(options.selection()).isEqualTo(new Selection(Set.of("too_old", "in_future"), Set.of("acme", "globex"),
                Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T11:00:00Z")));
        assertThat(options.fixUp()).isEqualTo(new FixUp(List.of(
                new FixUp.SetField("tenant", JsonNodeFactory.instance.stringNode("acme")),
                new FixUp.DropField("costUsd"),
                new FixUp.SetField("latencyMs", JsonNodeFactory.instance.numberNode(120))), "jq -c .", Duration.ofMillis(500)));
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.kafkaConfig()).isEqualTo(Path.of("client.properties"));
    }

    @Test
    void setKeepsTextAfterTheFirstEqualsSignAsAString() {
        ReplayOptions options = parse("--set", "id=a=b", "--set", "model=");

        assertThat(options.fixUp().edits()).containsExactly(
                new FixUp.SetField("id", JsonNodeFactory.instance.stringNode("a=b")),
                new FixUp.SetField("model", JsonNodeFactory.instance.stringNode("")));
    }

    @Test
    void aReasonTheIngestServiceNeverGivesIsRefusedWithTheListOfThoseItGives() {
        assertThatThrownBy(() -> parse("--reason", "too-old"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("too-old")
                .hasMessageContaining("malformed_json, schema_violation, inconsistent_usage, cost_out_of_range, tenant_mismatch,"
                        + " too_old, in_future, store_rejected");
    }

    @Test
    void badValuesAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> parse("--since", "yesterday")).hasMessageStartingWith("--since yesterday");
        assertThatThrownBy(() -> parse("--timeout", "30")).hasMessageStartingWith("--timeout 30");
        assertThatThrownBy(() -> parse("--fix-timeout", "0s")).hasMessageStartingWith("--fix-timeout 0s");
        assertThatThrownBy(() -> parse("--set", "tenant")).hasMessageStartingWith("--set needs FIELD=VALUE");
        assertThatThrownBy(() -> parse("--set", "usage.inputTokens=1")).hasMessageContaining("not a top-level field");
        assertThatThrownBy(() -> parse("--set-json", "model=gpt")).hasMessageStartingWith("--set-json model: gpt is not JSON");
        assertThatThrownBy(() -> parse("--tenant")).hasMessage("--tenant needs a value");
        assertThatThrownBy(() -> parse("--all=yes")).hasMessage("--all takes no value");
        assertThatThrownBy(() -> parse("--replay")).hasMessage("Unknown argument: --replay");
    }

    @Test
    void contradictoryFlagsAreRefused() {
        assertThatThrownBy(() -> parse("--since", "2026-12-02", "--until", "2026-12-01")).hasMessageContaining("no letter could match");
        assertThatThrownBy(() -> parse("--topic", "usage-events.dlq")).hasMessageContaining("into itself");
    }

    @Test
    void theUsageNamesEveryFlag() {
        for (String flag : List.of("--all", "--reason", "--tenant", "--since", "--until", "--dry-run", "--set", "--set-json",
                "--drop-field", "--fix-command", "--fix-timeout", "--bootstrap", "--dlq-topic", "--topic", "--group",
                "--timeout", "--kafka-config")) {
            assertThat(ReplayOptions.USAGE).contains(flag + " ");
        }
    }
}
