/**
 * Ingest throughput of the real ingest service from a pre-published topic, against a naive
 * one-INSERT-per-event loader and a COPY ceiling on the same records.
 */
@NullMarked
package dev.tokenmeter.bench.ingest;

import org.jspecify.annotations.NullMarked;
