/**
 * The local launcher behind {@code deploy/local/start}: a real PostgreSQL (embedded, from Maven
 * artifacts), a real Kafka broker in KRaft mode and the services as child processes, all keeping
 * their state under one data directory, stopped in reverse order on Ctrl-C.
 */
@NullMarked
package dev.tokenmeter.deploy;

import org.jspecify.annotations.NullMarked;
