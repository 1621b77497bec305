/**
 * Fault hooks for tests that run the ingest service as a process. They are never on the service's own classpath
 * nor under its component scan: the build packs this package alone into
 * {@code ingest-service/target/fault-hooks/ingest-service-<version>-fault-hooks.jar}, and a test adds it with the
 * Boot loader's {@code loader.path} and names a hook in {@code spring.main.sources}.
 */
@NullMarked
package dev.tokenmeter.faulthooks;

import org.jspecify.annotations.NullMarked;
