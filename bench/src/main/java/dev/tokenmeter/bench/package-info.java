/**
 * The benchmark harness behind {@code bench/run}: starts the real stack (PostgreSQL, Kafka, the services)
 * from the deploy module, runs each part against its baseline in the same run, and writes the report.
 */
@NullMarked
package dev.tokenmeter.bench;

import org.jspecify.annotations.NullMarked;
