/** PostgreSQL's {@code COPY ... FROM STDIN} text format, written by the ingest service and by the bench's COPY baseline alike. */
@NullMarked
package dev.tokenmeter.copy;

import org.jspecify.annotations.NullMarked;
