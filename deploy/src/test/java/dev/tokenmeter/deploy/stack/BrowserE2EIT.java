package dev.tokenmeter.deploy.stack;

import dev.tokenmeter.process.Processes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.deploy.files.DeployFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web UI's browser tests ({@code web-ui/e2e}, {@code npm run e2e}: Debian's Chromium driven by
 * playwright-core) against the real local stack: {@code deploy/local/start} with the 30-day demo
 * history and no live traffic, so every number the tests compare stands still. The tests get the
 * stack's URLs and keys through the environment contract documented in {@code web-ui/e2e/target.ts};
 * screenshots land in {@code web-ui/target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserE2EIT {

    /** What the launcher prints once the ingest service has stored the whole demo history. */
    private static final String HISTORY_STORED = "Demo history: ";
    private static final Duration E2E_TIMEOUT = Duration.ofMinutes(20);

    private LocalStackProcess stack;
    private Path work;

    @BeforeAll
    void startStackWithDemoHistory() throws IOException {
        work = DeployFiles.module().resolve("target/browser-e2e/" + System.currentTimeMillis());
        stack = LocalStackProcess.start(work.resolve("stack"), Map.of(), Duration.ofSeconds(240), List.of("--demo-rate", "0"));
        stack.awaitOutput(HISTORY_STORED, Duration.ofMinutes(10));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void browserTestsPassAgainstTheLocalStack() throws IOException, InterruptedException {
        Path webUi = DeployFiles.repository().resolve("web-ui");
        assertThat(webUi.resolve("node_modules/playwright-core"))
                .as("web-ui/node_modules is missing: the web-ui module's build (npm ci) installs it; run ./mvnw verify")
                .isDirectory();
        Properties keys = stack.keys();
        Path output = work.resolve("e2e.log");
        ProcessBuilder npm = new ProcessBuilder("npm", "run", "e2e")
                .directory(webUi.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = npm.environment();
        env.remove("TOKENMETER_E2E_FAKE");
        env.put("TOKENMETER_E2E_URL", "http://127.0.0.1:" + stack.port("TOKENMETER_QUERY_PORT"));
        env.put("TOKENMETER_E2E_INGEST_URL", "http://127.0.0.1:" + stack.port("TOKENMETER_INGEST_PORT"));
        env.put("TOKENMETER_E2E_KEY", keys.getProperty("viewer.demo"));
        env.put("TOKENMETER_E2E_OPERATOR_KEY", keys.getProperty("operator"));
        env.put("CI", "true"); // vitest: no watch mode, plain reporter output

        Process process = npm.start();
        boolean finished = Processes.awaitOrKill(process, E2E_TIMEOUT);
        String log = Files.readString(output);
        System.out.println(log); // the tests print the overview's data time; keep it in the build log
        assertThat(finished).as("npm run e2e did not finish within %s:%n%s", E2E_TIMEOUT, log).isTrue();
        assertThat(process.exitValue()).as("npm run e2e failed (log: %s):%n%s", output, log).isZero();
        assertThat(log).as("the browser tests ran against the stack, not the fake API").contains("against the local stack");
    }
}
