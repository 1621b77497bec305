package dev.tokenmeter.deploy.demo;

/** An API key of a project, by name (the contract's {@code apiKey} is never a secret), and its environment. */
record DemoKey(String name, String env) {

    static Weighted<DemoKey> prod(String name, double weight) {
        return new Weighted<>(new DemoKey(name, "prod"), weight);
    }

    static Weighted<DemoKey> staging(String name, double weight) {
        return new Weighted<>(new DemoKey(name, "staging"), weight);
    }
}
