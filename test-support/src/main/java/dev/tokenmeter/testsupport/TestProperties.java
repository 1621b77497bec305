package dev.tokenmeter.testsupport;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Where a test fixture puts the properties it gives a Spring test context. */
public final class TestProperties {

    /** Where {@code @SpringBootTest(properties)} and {@code @DynamicPropertySource} values live. */
    private static final List<String> TEST_SOURCES = List.of(
            TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, "Dynamic Test Properties");

    private TestProperties() {
    }

    /**
     * Adds {@code properties} below the test's own properties ({@code @SpringBootTest(properties = …)},
     * {@code @DynamicPropertySource}), which win, and above everything the application configures.
     */
    public static void addBelowTheTests(ConfigurableApplicationContext context, String name, Map<String, Object> properties) {
        var source = new MapPropertySource(name, properties);
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        @Nullable
        String lowestOfTheTests = null;
        for (String test : TEST_SOURCES) {
            if (sources.contains(test) && (lowestOfTheTests == null
                    || sources.precedenceOf(source(sources, test)) > sources.precedenceOf(source(sources, lowestOfTheTests)))) {
                lowestOfTheTests = test;
            }
        }
        if (lowestOfTheTests == null) {
            sources.addFirst(source);
        } else {
            sources.addAfter(lowestOfTheTests, source);
        }
    }

    private static org.springframework.core.env.PropertySource<?> source(MutablePropertySources sources, String name) {
        return java.util.Objects.requireNonNull(sources.get(name), name);
    }
}
