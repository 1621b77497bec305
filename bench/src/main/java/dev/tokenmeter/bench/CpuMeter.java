package dev.tokenmeter.bench;

import dev.tokenmeter.bench.report.Format;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CPU went during a measurement: cores used by each part of the stack, by the harness,
 * and by everything else on this shared machine (other people's builds and tests).
 */
public final class CpuMeter {

    /** CPU seconds per part at one instant, and the machine's busy and total CPU seconds. */
    public record Reading(long nanos, Map<String, Double> seconds, double machineBusy, double machineTotal) {
    }

    private final BenchStack stack;

    public CpuMeter(BenchStack stack) {
        this.stack = stack;
    }

    public Reading read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        stack.pids().forEach(
                (name, pid) -> seconds.put(name, name.equals("PostgreSQL") ? Proc.treeCpuSeconds(pid) : Proc.cpuSeconds(pid, true)));
        seconds.put("bench harness", Proc.cpuSeconds(ProcessHandle.current().pid(), false));
        double[] machine = Proc.machineCpu();
        return new Reading(System.nanoTime(), seconds, machine[0], machine[1]);
    }

    /** Cores used per part between two readings, plus "other processes" and the machine's idle cores. */
    public static Map<String, Double> cores(Reading from, Reading to) {
        double wall = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        double ours = 0;
        for (Map.Entry<String, Double> e : to.seconds().entrySet()) {
            double used = Math.max(0, e.getValue() - from.seconds().getOrDefault(e.getKey(), 0.0));
            cores.put(e.getKey(), used / wall);
            ours += used;
        }
        double busy = to.machineBusy() - from.machineBusy();
        double total = to.machineTotal() - from.machineTotal();
        cores.put("other processes on the machine", Math.max(0, busy - ours) / wall);
        cores.put("idle", Math.max(0, total - busy) / wall);
        return cores;
    }

    /** {@code ingest service 0.62, PostgreSQL 1.10, ...} (cores). */
    public static String describe(Map<String, Double> cores) {
        return cores.entrySet().stream()
                .map(e -> e.getKey() + " " + Format.ratio(e.getValue()))
                .collect(Collectors.joining(", ")) + " (cores)";
    }
}
