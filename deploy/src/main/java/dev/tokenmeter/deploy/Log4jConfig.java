package dev.tokenmeter.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Log4j 2 configurations sending everything a JVM logs to one file (Log4j 2 is the SLF4J binding of
 * both the launcher and the broker), so that the terminal shows only the launcher's own lines.
 */
public final class Log4jConfig {

    private Log4jConfig() {
    }

    /** Writes a configuration logging to {@code logFile} and answers the configuration's path. */
    public static Path write(Path config, Path logFile) throws IOException {
        Files.createDirectories(config.getParent());
        Files.createDirectories(logFile.getParent());
        // Java properties syntax: backslashes (Windows paths) would need escaping; forward slashes work everywhere.
        String file = logFile.toAbsolutePath().toString().replace('\\', '/');
        Files.writeString(config, """
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.append = true
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d{ISO8601} %%-5p [%%t] %%c: %%m%%n
                rootLogger.level = info
                rootLogger.appenderRef.file.ref = file
                """.formatted(file));
        return config;
    }

    /**
     * Points this JVM's logging at {@code <logs>/launcher.log}. Must run before any library logs.
     * Log4j's own shutdown hook is off: the launcher's hook still logs while it stops the children.
     */
    static void configureLauncher(DataDir dataDir) throws IOException {
        Path config = write(dataDir.conf().resolve("log4j2-launcher.properties"), dataDir.logs().resolve("launcher.log"));
        System.setProperty("log4j2.configurationFile", config.toString());
        System.setProperty("log4j2.shutdownHookEnabled", "false");
    }
}
