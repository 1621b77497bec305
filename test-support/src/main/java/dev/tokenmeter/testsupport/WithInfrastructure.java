package dev.tokenmeter.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Gives a Spring test its PostgreSQL and Kafka: the context's properties point at the database
 * {@code Infrastructure.shared().databaseFor(TheTest.class)} on the shared server and at the shared
 * broker (see {@link Infrastructure#springProperties}). The test reaches the same database by the same
 * call. Properties the test sets itself ({@code @SpringBootTest(properties = …)},
 * {@code @DynamicPropertySource}) win over these; the service's own configuration loses to them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(InfrastructureContextCustomizerFactory.class)
public @interface WithInfrastructure {
}
