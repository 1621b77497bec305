package dev.tokenmeter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the run ran on, for the report: CPU, memory, OS, JVM, and how busy the machine was. */
final class Machine {

    private Machine() {
    }

    static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        String cpu = cpuModel();
        long memKb = memTotalKb();
        m.put("cpu", cores + " vCPU" + (cpu.isEmpty() ? "" : " (" + cpu + ")"));
        m.put("memory", String.format(Locale.ROOT, "%.1f GiB", memKb / 1024.0 / 1024.0));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("load average at start (1 min)", String.format(Locale.ROOT, "%.2f", Proc.loadAverage()));
        m.put("summary", String.format(Locale.ROOT, "%d vCPU%s, %.0f GiB RAM, %s, shared with other engineers' builds "
                + "(1-min load average %.1f at start)", cores, cpu.isEmpty() ? "" : " " + cpu,
                memKb / 1024.0 / 1024.0, System.getProperty("os.name"), Proc.loadAverage()));
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "";
    }

    private static long memTotalKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return Runtime.getRuntime().maxMemory() / 1024;
    }
}
