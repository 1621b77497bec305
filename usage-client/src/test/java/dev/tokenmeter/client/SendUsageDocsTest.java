package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Send usage" examples are the files the ITs run (ExamplesIT, ClientsIT), verbatim:
 * an edit to one without the other fails the build.
 */
class SendUsageDocsTest {

    private final Path repo = Path.of(System.getProperty("tokenmeter.repo", "..")).toAbsolutePath().normalize();

    @Test
    void everyRunExampleAppearsVerbatimInTheReadmesSendUsageSection() throws IOException {
        String section = sendUsageSection();
        for (String example : List.of("examples/send-usage/http.sh", "examples/send-usage/kafka.sh",
                "examples/python/send_usage.py", "examples/typescript/send-usage.mjs")) {
            assertThat(section).as(example).contains(Files.readString(repo.resolve(example)).strip());
        }
        assertThat(section).as("Metering.java's tagged region").contains(javaExample());
    }

    private String sendUsageSection() throws IOException {
        String readme = Files.readString(repo.resolve("README.md"));
        int start = readme.indexOf("\n## Send usage\n");
        assertThat(start).as("a '## Send usage' section in README.md").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private String javaExample() throws IOException {
        String source = Files.readString(repo.resolve("client-tests/src/test/java/dev/tokenmeter/client/Metering.java"));
        int start = source.indexOf("// tag::send-usage[]\n") + "// tag::send-usage[]\n".length();
        return source.substring(start, source.indexOf("// end::send-usage[]")).strip();
    }
}
