/**
 * A real PostgreSQL and a real Kafka broker for integration tests, shared by every test in a JVM.
 *
 * <p>Start with {@link dev.tokenmeter.testsupport.Infrastructure#shared()}.
 */
@NullMarked
package dev.tokenmeter.testsupport;

import org.jspecify.annotations.NullMarked;
