package dev.tokenmeter.ingest;

import dev.tokenmeter.testsupport.PerTestClassCustomizerFactory;
import dev.tokenmeter.testsupport.TestProperties;
import org.springframework.context.event.ContextClosedEvent;

/** Gives a {@link WithIngestHarness} test's context the properties of its harness, and closes the harness with it. */
final class IngestHarnessCustomizerFactory extends PerTestClassCustomizerFactory {

    private static final Customization HARNESS = (context, testClass) -> {
        IngestHarness harness = IngestHarness.of(testClass);
        TestProperties.addBelowTheTests(context, "Ingest test harness", harness.properties());
        context.addApplicationListener((ContextClosedEvent closed) -> harness.close());
    };

    IngestHarnessCustomizerFactory() {
        super(WithIngestHarness.class, HARNESS);
    }
}
