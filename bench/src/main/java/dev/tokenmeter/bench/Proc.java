package dev.tokenmeter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about processes and the machine: CPU time, peak resident memory,
 * load. Answers 0 (or empty) where a process is gone or {@code /proc} is missing.
 */
public final class Proc {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every mainstream Linux. */
    private static final double TICKS = 100.0;

    private Proc() {
    }

    /** CPU seconds the process used (user + system); with {@code children}, plus those of its reaped children. */
    public static double cpuSeconds(long pid, boolean children) {
        String[] f = statFields(pid);
        if (f.length < 17) {
            return 0;
        }
        long ticks = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        if (children) {
            ticks += Long.parseLong(f[15]) + Long.parseLong(f[16]);
        }
        return ticks / TICKS;
    }

    /** CPU seconds of a process tree: the process (with reaped children) and every live child. */
    public static double treeCpuSeconds(long pid) {
        double total = cpuSeconds(pid, true);
        for (long child : children(pid)) {
            total += cpuSeconds(child, false);
        }
        return total;
    }

    public static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    String[] f = statFields(Long.parseLong(name));
                    if (f.length > 3 && f[3].equals(Long.toString(pid))) {
                        children.add(Long.parseLong(name));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: no children to count
        }
        return children;
    }

    /** Fields of {@code /proc/<pid>/stat} from the state on (index 2), the command name (which may hold spaces) skipped. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            String[] rest = stat.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 2];
            fields[0] = Long.toString(pid);
            fields[1] = "comm";
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    /** A line of {@code /proc/<pid>/status} in kB, e.g. {@code VmHWM} (peak RSS); 0 when unknown. */
    public static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return 0;
    }

    /** Busy and total CPU seconds of the whole machine since boot (all cores): {busy, total}. */
    public static double[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new double[] {(total - idle) / TICKS, total / TICKS};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    /** The 1-minute load average, or -1. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
