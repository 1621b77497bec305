package dev.tokenmeter.query.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.netty.http.client.HttpClient;

/**
 * The one gate for requests to destinations tenants choose. Every outbound channel sends through
 * {@link #httpClient()} after {@link #check(URI)}:
 * <ul>
 *   <li>{@link #check(URI)} refuses, without DNS, an {@code http://} URL outside the allow-list, an
 *       address literal that is not public ({@link Addresses}), and local or cloud metadata host names
 *       ({@code localhost}, {@code metadata.google.internal}, ...). Run it when a destination is saved
 *       (to answer 400) and again right before each send (the allow-list may have changed).</li>
 *   <li>{@link #httpClient()} resolves each host at connect time with the {@link HostResolver} and
 *       checks every address answered (an address literal is checked as it is); if any is not public and
 *       not allow-listed the connection is refused, else it goes to an address that was checked. A DNS answer that changes between a
 *       check and the connect therefore cannot slip through: the check is the resolution the connect
 *       uses. Redirects are not followed.</li>
 * </ul>
 * The operator's {@code tokenmeter.outbound.allow} lifts both rules for the names and blocks it lists.
 */
@Component
public final class OutboundGuard {

    /** Names that reach the machine itself or a cloud's instance metadata service. */
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "localhost.localdomain", "ip6-localhost",
            "ip6-loopback", "metadata", "metadata.google.internal", "metadata.goog", "instance-data",
            "instance-data.ec2.internal", "metadata.azure.internal");

    private final AllowList allow;
    private final HostResolver resolver;
    private final HttpClient http;

    /** With the configured allow-list and the application's {@link HostResolver} bean, if any, else the system's. */
    @Autowired
    OutboundGuard(OutboundSettings settings, ObjectProvider<HostResolver> resolvers) {
        this(AllowList.of(settings.allow()), resolvers.getIfAvailable(() -> HostResolver.SYSTEM));
    }

    OutboundGuard(AllowList allow, HostResolver resolver) {
        this.allow = allow;
        this.resolver = resolver;
        this.http = HttpClient.create()
                .resolver(new GuardedResolverGroup(this))
                .followRedirect(false);
    }

    /**
     * Checks a destination without resolving it.
     *
     * @throws OutboundRefused when the URL may not be used (its message is safe to show the tenant)
     */
    public void check(URI url) {
        String host = url.getHost();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw OutboundRefused.nonPublic();
        }
        InetAddress literal = Addresses.literal(host);
        boolean listed = literal == null ? allow.names(host) : allow.holds(literal);
        if (literal != null ? !listed && !Addresses.isPublic(literal) : !listed && isLocalName(host)) {
            throw OutboundRefused.nonPublic();
        }
        if (scheme.equals("http") && !listed) {
            throw OutboundRefused.httpsRequired();
        }
    }

    /** A Reactor Netty client that connects only to checked addresses and follows no redirect; shared, thread-safe. */
    public HttpClient httpClient() {
        return http;
    }

    /**
     * What went wrong with an outbound request, in words safe to show the tenant: never an address, a
     * host's resolution, or the text of a connection error.
     */
    public static String describe(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof OutboundRefused refused) {
                return String.valueOf(refused.getMessage());
            }
            if (e instanceof TimeoutException || e instanceof io.netty.handler.timeout.TimeoutException) {
                return "no answer within the timeout";
            }
            if (e instanceof SSLException) {
                return "TLS handshake failed";
            }
        }
        return "connection failed";
    }

    /**
     * A destination as readers who may not see it whole are shown it: scheme, host and port, the rest
     * elided ({@code https://hooks.slack.com/services/T0…} becomes {@code https://hooks.slack.com/…}):
     * paths and queries of webhooks often carry their credentials.
     */
    public static String masked(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
            }
        } catch (java.net.URISyntaxException e) {
            // shown as fully masked below
        }
        return "…";
    }

    /**
     * Checks a destination that is not reached over HTTP (an SMTP server): resolves the host now and
     * refuses it unless every address is public or allow-listed, as for webhooks. Blocking: call it off
     * the event loop. The mail client resolves the name again when it connects, so unlike webhooks this
     * check is not the resolution the connection uses; the SMTP host is the operator's setting, not a tenant's.
     *
     * @throws OutboundRefused      when an address is not public and not allow-listed
     * @throws UnknownHostException when the host has no address
     */
    public void checkHost(String host) throws UnknownHostException {
        addresses(host);
    }

    /**
     * Resolves the host now and checks every address (blocking: call it off the event loop).
     *
     * @throws OutboundRefused      when an address is not public and not allow-listed
     * @throws UnknownHostException when the host has no address
     */
    List<InetAddress> addresses(String host) throws UnknownHostException {
        InetAddress literal = Addresses.literal(host);
        if (literal != null) {
            return List.of(checked(literal));
        }
        boolean listed = allow.names(host);
        if (!listed && isLocalName(host)) {
            throw OutboundRefused.nonPublic();
        }
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException("no address");
        }
        if (!listed && addresses.stream().anyMatch(a -> !Addresses.isPublic(a) && !allow.holds(a))) {
            throw OutboundRefused.nonPublic();
        }
        return addresses;
    }

    /**
     * The address, if it is public or in an allow-listed block.
     *
     * @throws OutboundRefused otherwise
     */
    InetAddress checked(InetAddress address) {
        if (!Addresses.isPublic(address) && !allow.holds(address)) {
            throw OutboundRefused.nonPublic();
        }
        return address;
    }

    /**
     * Local and metadata names, and names whose last label is numeric: no public DNS name ends in a
     * number, but resolvers read {@code 2130706433} or {@code 127.1} as addresses.
     */
    private static boolean isLocalName(String host) {
        String name = AllowList.normalize(host);
        String last = name.substring(name.lastIndexOf('.') + 1);
        return LOCAL_NAMES.contains(name) || name.endsWith(".localhost") || last.matches("|[0-9]+|0x[0-9a-f]*");
    }
}
