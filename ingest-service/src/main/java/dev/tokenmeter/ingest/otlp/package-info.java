/**
 * OpenTelemetry GenAI ingest: decodes OTLP/HTTP trace requests (protobuf or JSON, gzip or not,
 * bounded after decompression) and maps each model-call span onto a usage event.
 */
@NullMarked
package dev.tokenmeter.ingest.otlp;

import org.jspecify.annotations.NullMarked;
