/** What the database needs from whoever sets it up, before the services connect. */
@NullMarked
package dev.tokenmeter.database;

import org.jspecify.annotations.NullMarked;
