/** Flyway's Java migrations: what SQL cannot say, such as a statement per partition that must run outside a transaction. */
@NullMarked
package db.migration;

import org.jspecify.annotations.NullMarked;
