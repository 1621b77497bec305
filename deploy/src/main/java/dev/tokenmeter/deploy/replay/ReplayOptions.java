package dev.tokenmeter.deploy.replay;

import dev.tokenmeter.deploy.Command;
import dev.tokenmeter.deploy.Flags;
import dev.tokenmeter.deploy.UsageException;
import dev.tokenmeter.event.Reason;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What {@code deploy/dlq-replay} was asked to do.
 *
 * @param bootstrap the Kafka {@code bootstrap.servers}
 * @param dlqTopic  the dead-letter topic read
 * @param topic     the usage topic replayed to
 * @param group     the consumer group whose committed offsets say which letters earlier runs read
 * @param all       read the dead-letter topic from its beginning, whatever the group has read
 * @param dryRun    print what would be replayed; send nothing and commit nothing
 * @param timeout     how long to wait for the broker before giving up (connect, fetch, acknowledge)
 * @param kafkaConfig a properties file of client settings (security) for both clients, or null
 */
record ReplayOptions(String bootstrap, String dlqTopic, String topic, String group, boolean all, boolean dryRun,
        Selection selection, FixUp fixUp, Duration timeout, @Nullable Path kafkaConfig, boolean help)
        implements
            Command.Parsed {

    static final String DEFAULT_DLQ_TOPIC = "usage-events.dlq";
    static final String DEFAULT_TOPIC = "usage-events";
    static final String DEFAULT_GROUP = "tokenmeter-dlq-replay";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_FIX_TIMEOUT = Duration.ofSeconds(10);

    static final String USAGE = """
            Usage: deploy/dlq-replay [filters] [fix-ups] [--dry-run] [--all] [--bootstrap HOST:PORT]

            Re-publishes dead letters of the ingest service to the usage topic, without their x-error-* and
            x-original-* headers, with x-replayed-from: <dlq topic>-<partition>@<offset>. Replaying is safe to
            repeat: ingest counts an event once per (tenant, id).
            Which letters: those the consumer group has not read yet (all of them on the first run), up to the
            end of the topic when the run starts; after a run that was not a dry run, the group has read them.
              --all                 read the whole dead-letter topic again, whatever the group has read
              --reason R            only letters with x-error-reason R (repeatable): %s
              --tenant T            only letters whose value names tenant T (tenant, or a CloudEvent's subject; repeatable)
              --since TIME          only letters dead-lettered at or after TIME (RFC 3339, or YYYY-MM-DD in UTC)
              --until TIME          only letters dead-lettered before TIME
              --dry-run             print each letter that would be replayed (after fix-ups); send and commit nothing
            Fix-ups, applied to each selected value in this order:
              --set FIELD=TEXT      set a top-level field to a string (repeatable, with the two below, in order)
              --set-json FIELD=JSON set a top-level field to a JSON value (e.g. latencyMs=120, tags={"env":"prod"})
              --drop-field FIELD    remove a top-level field
              --fix-command CMD     pipe each value through `sh -c CMD` (stdin to stdout, e.g. 'jq -c ...');
                                    no output drops the letter, a non-zero exit skips it
              --fix-timeout DUR     how long the command may take per value (default 10s)
            Kafka:
              --bootstrap HOST:PORT the brokers (default: $TOKENMETER_KAFKA_BOOTSTRAP, else localhost:$TOKENMETER_KAFKA_PORT,
                                    else localhost:19092, the local stack's broker)
              --dlq-topic NAME      the dead-letter topic (default usage-events.dlq)
              --topic NAME          the topic replayed to (default usage-events)
              --group NAME          the consumer group of this tool (default tokenmeter-dlq-replay)
              --timeout DUR         how long to wait for the broker (default 30s)
              --kafka-config FILE   client properties for both clients, e.g. security.protocol=SASL_SSL and sasl.*
            Exit code 0 when every selected letter was replayed or skipped (skips are listed), 1 when Kafka
            failed, 2 for bad flags.""".formatted(reasonCodes());

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static ReplayOptions parse(List<String> args, Map<String, String> env) {
        Flags flags = Flags.read(args, Set.of("--all", "--dry-run", "--help"), Set.of("--bootstrap", "--dlq-topic", "--topic",
                "--group", "--reason", "--tenant", "--since", "--until", "--set", "--set-json", "--drop-field", "--fix-command",
                "--fix-timeout", "--timeout", "--kafka-config"));
        String dlqTopic = flags.value("--dlq-topic", DEFAULT_DLQ_TOPIC, Function.identity());
        String topic = flags.value("--topic", DEFAULT_TOPIC, Function.identity());
        Instant since = flags.valueOrNull("--since", text -> instant("--since", text));
        Instant until = flags.valueOrNull("--until", text -> instant("--until", text));
        if (since != null && until != null && !since.isBefore(until)) {
            throw new UsageException("--since " + since + " is not before --until " + until + ": no letter could match");
        }
        if (dlqTopic.equals(topic)) {
            throw new UsageException("--topic and --dlq-topic are both " + topic + ": replaying a topic into itself never ends");
        }
        Selection selection = new Selection(Set.copyOf(flags.values("--reason", ReplayOptions::reason)),
                Set.copyOf(flags.values("--tenant", Function.identity())), since, until);
        FixUp fixUp = new FixUp(flags.values(Set.of("--set", "--set-json", "--drop-field"), ReplayOptions::edit),
                flags.valueOrNull("--fix-command", Function.identity()),
                flags.value("--fix-timeout", DEFAULT_FIX_TIMEOUT, text -> duration("--fix-timeout", text)));
        return new ReplayOptions(flags.value("--bootstrap", defaultBootstrap(env), Function.identity()), dlqTopic, topic,
                flags.value("--group", DEFAULT_GROUP, Function.identity()), flags.has("--all"), flags.has("--dry-run"),
                selection, fixUp, flags.value("--timeout", DEFAULT_TIMEOUT, text -> duration("--timeout", text)),
                flags.valueOrNull("--kafka-config", Path::of), flags.has("--help"));
    }

    private static String defaultBootstrap(Map<String, String> env) {
        String bootstrap = env.get("TOKENMETER_KAFKA_BOOTSTRAP");
        if (bootstrap != null && !bootstrap.isBlank()) {
            return bootstrap.trim();
        }
        String port = env.get("TOKENMETER_KAFKA_PORT");
        return "localhost:" + (port == null || port.isBlank() ? "19092" : port.trim());
    }

    private static String reason(String code) {
        String known = reasonCodes();
        if (!Arrays.asList(known.split(", ")).contains(code)) {
            throw new UsageException("--reason " + code + " is not a reason the ingest service gives; it gives " + known);
        }
        return code;
    }

    private static String reasonCodes() {
        return Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.joining(", "));
    }

    /** A fix-up flag's edit: {@code --set} and {@code --set-json} set a field, {@code --drop-field} removes one. */
    private static FixUp.Edit edit(String flag, String value) {
        return flag.equals("--drop-field") ? new FixUp.DropField(field(flag, value)) : set(flag, value, flag.equals("--set-json"));
    }

    private static FixUp.Edit set(String flag, String assignment, boolean json) {
        int equals = assignment.indexOf('=');
        if (equals < 0) {
            throw new UsageException(flag + " needs FIELD=VALUE, not " + assignment);
        }
        String field = field(flag, assignment.substring(0, equals));
        String text = assignment.substring(equals + 1);
        if (!json) {
            return new FixUp.SetField(field, JsonNodeFactory.instance.stringNode(text));
        }
        try {
            return new FixUp.SetField(field, FixUp.JSON.readTree(text));
        } catch (JacksonException e) {
            throw new UsageException(flag + " " + field + ": " + text + " is not JSON (" + e.getOriginalMessage()
                    + "); for a string use --set or quote it: " + field + "='\"" + text + "\"'");
        }
    }

    private static String field(String flag, String field) {
        if (!FIELD.matcher(field).matches()) {
            throw new UsageException(flag + ": '" + field + "' is not a top-level field name (letters, digits, _)");
        }
        return field;
    }

    static Instant instant(String flag, String text) {
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new UsageException(flag + " " + text + " is neither an RFC 3339 time (2026-12-01T10:00:00Z) nor a date (2026-12-01)");
        }
    }

    static Duration duration(String flag, String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new UsageException(flag + " " + text + " is not a positive duration such as 500ms, 30s or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

}
