package dev.tokenmeter.deploy.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** promtool on the project's own Prometheus files: the config, the alert rules, and the rules' unit tests. */
class PromtoolTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path promtool = Tools.require("promtool");
    private final Path dir = DeployFiles.prometheus();

    @Test
    void scrapeConfigIsValid() {
        Tools.Result result = Tools.run(dir, TIMEOUT, List.of(promtool.toString(), "check", "config", "prometheus.yml"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        // check config also checks the rule files the config names: they must be found.
        assertThat(result.output()).contains("SUCCESS: prometheus.yml is valid").contains("rules/tokenmeter.yml").contains("SUCCESS");
    }

    @Test
    void alertRulesAreValid() {
        Tools.Result result = Tools.run(dir, TIMEOUT, List.of(promtool.toString(), "check", "rules", "rules/tokenmeter.yml"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("SUCCESS: \\d+ rules found");
    }

    @Test
    void alertRulesFireAsTheirUnitTestsExpect() {
        Tools.Result result = Tools.run(dir, TIMEOUT, List.of(promtool.toString(), "test", "rules", "tests/tokenmeter-rules.test.yml"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }
}
