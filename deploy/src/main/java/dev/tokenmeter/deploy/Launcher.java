package dev.tokenmeter.deploy;

import dev.tokenmeter.deploy.demo.Demo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/local/start}: PostgreSQL, Kafka and the services on this machine, then demo traffic,
 * until Ctrl-C. Exit code 0 after Ctrl-C, 1 when the stack could not start or a part died, 2 for
 * bad flags.
 */
public final class Launcher {

    private static final long DEMO_SEED = 20_261_123L;

    private final Options options;
    private final Path repo;
    private final Components components = new Components();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Launcher(Options options, Path repo) {
        this.options = options;
        this.repo = repo;
    }

    public static void main(String[] args) {
        OwnClasses.load();
        // deploy/local/start names the repository; run from elsewhere, the working directory is assumed.
        Path repo = Path.of(System.getProperty("tokenmeter.repo", ".")).toAbsolutePath().normalize();
        System.exit(Command.run(() -> Options.parse(List.of(args), System.getenv(), Path.of("").toAbsolutePath(), repo),
                Options.USAGE, Console::line, Console::error, options -> new Launcher(options, repo).run()));
    }

    private int run() {
        try {
            // Never closed: the lock on the data directory lasts as long as this JVM.
            DataDir dataDir = DataDir.open(options.dataDir(), options.fresh());
            Log4jConfig.configureLauncher(dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "tokenmeter-shutdown"));
            Console.line("Tokenmeter local stack · data in " + dataDir.root());
            Leftovers.stop(dataDir);
            checkPorts();
            Keys keys = Keys.load(dataDir.keys(), options.operatorKey());
            startStack(dataDir, keys);
            stopped.await();
            return 0;
        } catch (StartupException e) {
            Console.error("\n" + e.getMessage());
            return 1;
        } catch (IOException e) {
            Console.error("\nCannot write under " + options.dataDir() + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            if (components.stopping()) {
                return 0;
            }
            Console.error("\nUnexpected failure: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private void checkPorts() throws StartupException {
        Ports ports = options.ports();
        PortCheck.requireFree(ports.postgres(), "PostgreSQL", "TOKENMETER_PG_PORT");
        PortCheck.requireFree(ports.kafka(), "Kafka", "TOKENMETER_KAFKA_PORT");
        PortCheck.requireFree(ports.kafkaController(), "Kafka controller", "TOKENMETER_KAFKA_CONTROLLER_PORT");
        PortCheck.requireFree(ports.ingest(), "ingest HTTP API", "TOKENMETER_INGEST_PORT");
        PortCheck.requireFree(ports.query(), "query API and dashboard", "TOKENMETER_QUERY_PORT");
        PortCheck.requireFree(ports.ingestManagement(), "ingest management (actuator)", "TOKENMETER_INGEST_MANAGEMENT_PORT");
        PortCheck.requireFree(ports.queryManagement(), "query management (actuator)", "TOKENMETER_QUERY_MANAGEMENT_PORT");
        PortCheck.requireFree(smtpPort(), "SMTP (alert emails)", "TOKENMETER_SMTP_PORT");
    }

    /** The local SMTP server's port: {@code TOKENMETER_SMTP_PORT}, default 2525. */
    private static int smtpPort() {
        String value = System.getenv("TOKENMETER_SMTP_PORT");
        return value == null || value.isBlank() ? LocalMail.DEFAULT_PORT : Integer.parseInt(value.trim());
    }

    private void startStack(DataDir dataDir, Keys keys) throws StartupException, InterruptedException {
        Ports ports = options.ports();
        long start = System.nanoTime();
        LocalPostgres postgres = components.start(() -> LocalPostgres.start(dataDir, ports.postgres()));
        Console.line("PostgreSQL " + postgres.version() + " ready on :" + ports.postgres() + " (" + since(start) + ")");

        start = System.nanoTime();
        LocalKafka kafka = LocalKafka.start(dataDir, ports, components);
        kafka.onUnexpectedExit(this::died);
        Console.line("Kafka " + LocalKafka.version() + " (KRaft) ready on :" + ports.kafka() + " (" + since(start) + ")");

        LocalMail mail = components.start(() -> LocalMail.start(dataDir.root().resolve("mail"), smtpPort()));
        Console.line("SMTP (GreenMail) ready on 127.0.0.1:" + smtpPort() + ", received mail written to " + mail.directory());

        for (BootService service : Services.all(ports, options.listen(), postgres, kafka, keys, smtpPort())) {
            start = System.nanoTime();
            ChildProcess child = service.start(repo, dataDir, components);
            child.onUnexpectedExit(this::died);
            Console.line(service.displayName() + " ready on " + options.listen() + ":" + service.port()
                    + ", management on " + Options.LOOPBACK + ":" + service.managementPort() + " (" + since(start) + ")");
        }
        DemoViewerKey.ensure(postgres, keys);
        ReadyBanner.print(dataDir, ports, options.listen(), keys);

        if (options.demo()) {
            Demo demo = new Demo(new Demo.Settings(kafka.bootstrap(), Services.TOPIC, Services.CONSUMER_GROUP, dataDir.demo(),
                    options.backfillEvents(), options.demoRate(), DEMO_SEED));
            components.start(() -> demo::close);
            demo.start();
        }
    }

    /** A child ended by itself: say so with the end of its log, then stop everything else. */
    private void died(ChildProcess child) {
        if (components.stopping()) {
            return;
        }
        int code = child.exitCode();
        String how = code > 128
                ? "killed by signal " + (code - 128) + (code == 137 ? ": out of memory, or kill -9" : "")
                : "exit code " + code;
        Console.error("\n" + child.name() + " stopped unexpectedly (" + how + ").\n" + child.tail()
                + "\nStopping the rest. Fix the cause shown above and run deploy/local/start again.");
        new Thread(() -> System.exit(1), "tokenmeter-exit").start();
    }

    private void shutDown() {
        if (components.stopAll()) {
            Console.line("Stopped. Data kept in " + options.dataDir() + " (deploy/local/start --fresh deletes it).");
        }
        stopped.countDown();
    }

    private static String since(long startNanos) {
        return Console.seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
