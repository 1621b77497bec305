package dev.tokenmeter.query.outbound;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import reactor.core.scheduler.Schedulers;

/**
 * Netty's address resolution for the guarded client. Every remote address goes through the guard —
 * a host name is resolved by {@link OutboundGuard#addresses(String)}, which checks each address, and
 * an address literal (which Netty would otherwise connect to without asking a resolver) is checked as
 * it is — and the connection is made to the checked address answered. Resolving may block, so it runs
 * on Reactor's bounded elastic scheduler, never on the event loop.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final OutboundGuard guard;

    GuardedResolverGroup(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Guarded(executor, guard);
    }

    private static final class Guarded extends AbstractAddressResolver<InetSocketAddress> {

        private final OutboundGuard guard;

        Guarded(EventExecutor executor, OutboundGuard guard) {
            super(executor, InetSocketAddress.class);
            this.guard = guard;
        }

        /** Never "already resolved": a literal address must pass the guard too. */
        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            return false;
        }

        @Override
        protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    promise.trySuccess(checked(address).get(0));
                } catch (Exception | LinkageError e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    promise.trySuccess(checked(address));
                } catch (Exception | LinkageError e) {
                    promise.tryFailure(e);
                }
            });
        }

        private List<InetSocketAddress> checked(InetSocketAddress address) throws UnknownHostException {
            List<InetAddress> addresses = address.isUnresolved()
                    ? guard.addresses(address.getHostString())
                    : List.of(guard.checked(address.getAddress()));
            return addresses.stream().map(a -> new InetSocketAddress(a, address.getPort())).toList();
        }
    }
}
