package dev.tokenmeter.deploy.replay;

import dev.tokenmeter.wire.LowerCaseCode;

/** Why a selected letter was not replayed; each is counted and reported, and the run goes on. */
enum Skip implements LowerCaseCode {
    /** The broker refused the whole letter, so the ingest service kept only the first KiB of the value. */
    TRUNCATED,
    /** A null value (a tombstone): there is nothing to replay. */
    NO_VALUE,
    /** {@code --set}/{@code --drop-field} need a JSON object. */
    NOT_A_JSON_OBJECT,
    /** The {@code --fix-command} failed, timed out or could not start. */
    FIX_COMMAND_FAILED,
    /** The {@code --fix-command} printed nothing: it chose to drop the letter. */
    FIX_COMMAND_DROPPED,
    /** The broker refused the replayed record itself (e.g. too large for the usage topic). */
    REFUSED_BY_BROKER;

    /** The reason in the run's report, with what to do where something can be done. */
    String meaning() {
        return switch (this) {
            case TRUNCATED -> "the value was cut to 1 KiB when dead-lettered; republish the event from its source";
            case NO_VALUE -> "the letter has no value";
            case NOT_A_JSON_OBJECT -> "--set/--drop-field need a JSON object value; use --fix-command or skip it with a filter";
            case FIX_COMMAND_FAILED -> "the --fix-command failed on it";
            case FIX_COMMAND_DROPPED -> "the --fix-command printed nothing";
            case REFUSED_BY_BROKER -> "the broker refused the replayed record";
        };
    }
}
