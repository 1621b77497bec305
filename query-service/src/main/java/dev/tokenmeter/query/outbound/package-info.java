/**
 * Requests the service makes to addresses its tenants chose (budget webhooks, Slack, later channels):
 * {@link dev.tokenmeter.query.outbound.OutboundGuard} refuses non-public destinations unless the
 * operator's allow-list names them, checks every address a name resolves to at connect time and
 * connects to that very address, and describes failures without echoing internal addresses.
 */
@NullMarked
package dev.tokenmeter.query.outbound;

import org.jspecify.annotations.NullMarked;
