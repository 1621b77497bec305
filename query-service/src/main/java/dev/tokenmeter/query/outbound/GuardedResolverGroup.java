package dev.tokenmeter.query.outbound;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import reactor.core.scheduler.Schedulers;

/**
 * Netty's name resolution for the guarded client: every host is resolved by {@link OutboundGuard#addresses},
 * which checks each address, and the connection is made to the checked address it answers. The
 * resolver may block, so it runs on Reactor's bounded elastic scheduler, never on the event loop.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final OutboundGuard guard;

    GuardedResolverGroup(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new Names(executor, guard));
    }

    private static final class Names extends InetNameResolver {

        private final OutboundGuard guard;

        Names(EventExecutor executor, OutboundGuard guard) {
            super(executor);
            this.guard = guard;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    promise.trySuccess(guard.addresses(host).get(0));
                } catch (Exception | LinkageError e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    promise.trySuccess(guard.addresses(host));
                } catch (Exception | LinkageError e) {
                    promise.tryFailure(e);
                }
            });
        }
    }
}
