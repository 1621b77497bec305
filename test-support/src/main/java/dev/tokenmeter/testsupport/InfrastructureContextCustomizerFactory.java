package dev.tokenmeter.testsupport;

/** Adds the shared servers' properties to the context of a {@link WithInfrastructure} test. */
final class InfrastructureContextCustomizerFactory extends PerTestClassCustomizerFactory {

    private static final Customization SHARED_SERVERS = (context, testClass) -> {
        Infrastructure infra = Infrastructure.shared();
        TestProperties.addBelowTheTests(context, "Tokenmeter test infrastructure",
                infra.springProperties(infra.databaseFor(testClass)));
    };

    InfrastructureContextCustomizerFactory() {
        super(WithInfrastructure.class, SHARED_SERVERS);
    }
}
