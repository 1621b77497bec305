package dev.tokenmeter.query.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. Called for every outbound connection, off the event loop
 * (it may block); the guard checks each address answered and the connection goes to one of them.
 * Replaceable so that tests can make a name resolve to loopback without outside DNS.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system's resolver ({@link InetAddress#getAllByName}). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * Every address of the host, never empty.
     *
     * @throws UnknownHostException when the name has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
