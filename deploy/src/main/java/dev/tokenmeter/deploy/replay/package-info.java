/**
 * {@code deploy/dlq-replay}: re-publishes dead letters of the ingest service to the usage topic, chosen
 * by reason, tenant or time and optionally fixed up, through an idempotent producer. Replaying is safe
 * to repeat: ingest counts an event once per (tenant, id).
 */
@NullMarked
package dev.tokenmeter.deploy.replay;

import org.jspecify.annotations.NullMarked;
