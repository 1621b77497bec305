package dev.tokenmeter.query.outbound;

/**
 * A destination the guard will not connect to. Its message is safe to show to tenants: it says why
 * in general terms and never names the address a host resolved to.
 */
public final class OutboundRefused extends RuntimeException {

    /** The host is, or resolves to, an address that is not public (and not allow-listed). */
    public static final String NON_PUBLIC = "destination refused: resolves to a non-public address";
    /** {@code http://} to a host outside the allow-list. */
    public static final String HTTPS_REQUIRED = "destination refused: https is required";

    private final boolean scheme;

    private OutboundRefused(String message, boolean scheme) {
        super(message, null, false, false);
        this.scheme = scheme;
    }

    static OutboundRefused nonPublic() {
        return new OutboundRefused(NON_PUBLIC, false);
    }

    static OutboundRefused httpsRequired() {
        return new OutboundRefused(HTTPS_REQUIRED, true);
    }

    /** Whether the scheme was refused (rather than the host). */
    public boolean scheme() {
        return scheme;
    }
}
