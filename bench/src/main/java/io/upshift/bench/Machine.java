package io.upshift.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a run was measured on: these are shared, noisy machines, so it is always reported. */
public record Machine(int cores, long memoryMb, String cpu, String jdk, String os, long maxHeapMb, double loadAverage) {

    public static Machine current() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() >> 20 : -1;
        return new Machine(Runtime.getRuntime().availableProcessors(), memory, cpuModel(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() >> 20, os.getSystemLoadAverage());
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %,d MB memory, %s, %s; JVM max heap %,d MB; load average %.1f at the start",
                cores, cpu, memoryMb, jdk, os, maxHeapMb, loadAverage);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
