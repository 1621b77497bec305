package dev.tokenmeter.event;

import dev.tokenmeter.wire.LowerCaseCode;

/**
 * Machine-readable reasons an event is rejected; they become the dead-letter header
 * {@code x-error-reason} and the {@code reason} of HTTP item errors. Declared from the most to the
 * least fundamental: when a record has several violations, the first in this order names it. The wire
 * spelling ({@link #code}) is the name in lower case, e.g. {@code schema_violation}.
 */
public enum Reason implements LowerCaseCode {
    /** The record is larger than the contract's 64 KiB. */
    TOO_LARGE,
    /** Not UTF-8 JSON, or not a JSON object. */
    MALFORMED_JSON,
    /** A field is missing, of the wrong type, out of range or of the wrong form. */
    SCHEMA_VIOLATION,
    /** Token counts contradict each other (e.g. more cached than input tokens). */
    INCONSISTENT_USAGE,
    /** The cost computed from the event's price is more than one event may carry ({@link Money#MAX_EVENT_COST}). */
    COST_OUT_OF_RANGE,
    /** The HTTP ingest key belongs to another tenant than the event names. */
    TENANT_MISMATCH,
    /** {@code time} is older than the late-arrival window. */
    TOO_OLD,
    /** {@code time} is further in the future than the allowed clock skew. */
    IN_FUTURE,
    /**
     * The database refused the event for a reason retrying cannot cure (SQLSTATE class 22 or 23,
     * e.g. a rollup sum past its column); the detail names the database's code and message.
     */
    STORE_REJECTED;
}
