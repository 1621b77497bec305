package dev.tokenmeter.query.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound requests ({@code tokenmeter.outbound.*}).
 *
 * @param allow destinations the operator trusts although they are not public: host names (exact,
 *              case-insensitive, e.g. {@code receiver.internal}) and addresses or CIDR blocks
 *              ({@code 127.0.0.1}, {@code 10.1.0.0/16}, {@code fd00::/8}). A listed name may resolve to
 *              any address; a listed block lets any name resolve into it. {@code http://} is accepted
 *              only for a listed name or an address literal inside a listed block. Empty by default.
 */
@ConfigurationProperties("tokenmeter.outbound")
record OutboundSettings(@DefaultValue List<String> allow) {
}
