package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.client.stack.Commands;
import dev.tokenmeter.client.stack.Stack;
import dev.tokenmeter.client.stack.StackExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The installable clients ({@code clients/python}, {@code clients/typescript}) run their own suites
 * against the running stack: wrapped SDK calls (sync, async, streaming, errors, timeouts), the
 * flush at exit and an ingest outage with a bounded queue. Each suite checks its own projects in the
 * query API; this test then checks the tenant's totals, so a suite that skipped its stack tests
 * cannot pass.
 */
@ExtendWith(StackExtension.class)
class ClientsIT {

    private final Stack stack;
    private final Path clients = Commands.repo("clients");

    ClientsIT(Stack stack) {
        this.stack = stack;
    }

    @Test
    void thePythonPackageInstallsOfflineInAVirtualEnvironmentAndItsSuitePassesAgainstTheStack() throws Exception {
        Path venv = Path.of("target", "python-client-venv").toAbsolutePath();
        run(clients, "python-venv", "python3", "-m", "venv", "--clear", venv.toString());
        Path python = venv.resolve("bin").resolve("python");
        run(clients, "python-install", python.toString(), "-m", "pip", "install", "--no-index", "--no-build-isolation",
                "--disable-pip-version-check", clients.resolve("python").toString());

        String output = run(clients.resolve("python"), "python-client",
                python.toString(), "-m", "unittest", "discover", "-s", "tests", "-v");

        assertThat(output).contains("test_while_ingest_is_down").doesNotContain("skipped").contains("OK");
        // test_stack.py: 4 sync + 3 async + 3 streamed + 3 failed (2 errors, 1 timeout) + 2 at exit + 5 after the outage
        assertTenantTotals("python-client", 20, 2, 1);
    }

    @Test
    void theTypeScriptPackageBuildsFromItsLockfileAndItsSuitePassesAgainstTheStack() throws Exception {
        Path typescript = clients.resolve("typescript");
        run(typescript, "ts-install", "npm", "ci", "--no-audit", "--no-fund");
        run(typescript, "ts-build", "npm", "run", "build");

        String output = run(typescript, "ts-client", "node", "--test", "test/");

        assertThat(output).contains("while ingest is down").contains("# fail 0").contains("# skipped 0");
        // stack.test.mjs: 3 calls + 1 stream + 3 failed (2 errors, 1 timeout) + 2 at exit + 5 after the outage
        assertTenantTotals("ts-client", 14, 2, 1);
    }

    private void assertTenantTotals(String tenant, long requests, long errors, long timeouts) {
        JsonNode summary = stack.awaitRequests(tenant, requests);
        assertThat(List.of(summary.path("requests").longValue(), summary.path("errors").longValue(),
                summary.path("timeouts").longValue())).as("requests, errors, timeouts of " + tenant)
                .containsExactly(requests, errors, timeouts);
    }

    /** Runs the command in the directory with the stack's URLs and the tenant's keys; fails on a non-zero exit. */
    private String run(Path directory, String tenant, String... command) throws IOException, InterruptedException {
        Path log = Path.of("target", "it-logs", tenant + ".log").toAbsolutePath();
        return Commands.run(directory, log, Duration.ofMinutes(5), "the clients need Python 3.9+ and Node 20+ on the PATH",
                environment -> {
                    environment.putAll(Map.of(
                            "TOKENMETER_INGEST_URL", stack.ingestUrl().toString(),
                            "TOKENMETER_INGEST_KEY", Stack.ingestKey(tenant),
                            "TOKENMETER_TENANT", tenant,
                            "TOKENMETER_QUERY_URL", stack.queryUrl().toString(),
                            "TOKENMETER_QUERY_KEY", stack.operatorKey(),
                            "PYTHONDONTWRITEBYTECODE", "1",
                            "NO_COLOR", "1"));
                    environment.remove("PYTHONPATH");
                }, command);
    }
}
