package dev.tokenmeter.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** Adds the shared servers' properties to the context of a {@link WithInfrastructure} test. */
final class InfrastructureContextCustomizerFactory extends PerTestClassCustomizerFactory {

    private static final Customization SHARED_SERVERS = (context, testClass) -> {
        Infrastructure infra = Infrastructure.shared();
        Map<String, Object> properties = new LinkedHashMap<>(infra.springProperties(infra.databaseFor(testClass)));
        // The cached test contexts are closed one after another when the test JVM ends; with Reactor Netty's
        // default quiet period each close took 2 s, and past 30 s in all Surefire killed the JVM mid-shutdown.
        properties.put("spring.reactor.netty.shutdown-quiet-period", "0s");
        TestProperties.addBelowTheTests(context, "Tokenmeter test infrastructure", properties);
    };

    InfrastructureContextCustomizerFactory() {
        super(WithInfrastructure.class, SHARED_SERVERS);
    }
}
