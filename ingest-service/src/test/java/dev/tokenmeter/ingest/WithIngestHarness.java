package dev.tokenmeter.ingest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Points the ingest service of a Spring test at {@code IngestHarness.of(TheTest.class)}: its own
 * database, topics and consumer group on the shared PostgreSQL and Kafka. Properties the test sets
 * itself ({@code @SpringBootTest(properties = …)}, {@code @DynamicPropertySource}) win over these.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(IngestHarnessCustomizerFactory.class)
@interface WithIngestHarness {
}
