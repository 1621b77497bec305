package dev.tokenmeter.ingest;

import dev.tokenmeter.testsupport.TestProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Gives a {@link WithIngestHarness} test's context the properties of its harness, and closes the harness with it. */
final class IngestHarnessCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(WithIngestHarness.class);
        return annotated ? new Customizer(testClass) : null;
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            IngestHarness harness = IngestHarness.of(testClass);
            TestProperties.addBelowTheTests(context, "Ingest test harness", harness.properties());
            context.addApplicationListener((ContextClosedEvent closed) -> harness.close());
        }
    }
}
