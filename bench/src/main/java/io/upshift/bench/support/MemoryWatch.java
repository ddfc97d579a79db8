package io.upshift.bench.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Samples this JVM's heap in use and PostgreSQL's memory in the background and keeps the peaks;
 * this JVM's peak resident set comes from the kernel ({@code VmHWM}, reset when the watch starts
 * where the kernel allows it), so no short peak is missed.
 */
public final class MemoryWatch implements AutoCloseable {

    private final CpuClock postgres;
    private final Thread thread;
    private final boolean hwmReset;
    private volatile boolean running = true;
    private volatile double peakHeapBytes;
    private volatile double peakPostgresBytes;

    public MemoryWatch(CpuClock postgres, Duration every) {
        this.postgres = postgres;
        this.hwmReset = resetPeakRss();
        this.thread = Thread.ofPlatform().daemon().name("bench-memory-watch").start(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void sample() {
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakHeapBytes = Math.max(peakHeapBytes, heap);
        double pg = postgres.postgresMemoryBytes();
        if (!Double.isNaN(pg)) {
            peakPostgresBytes = Math.max(peakPostgresBytes, pg);
        }
    }

    public double peakHeapMb() {
        return peakHeapBytes / (1 << 20);
    }

    public double peakPostgresMb() {
        return peakPostgresBytes / (1 << 20);
    }

    /** This JVM's peak resident set (VmHWM) in MB, NaN without /proc. */
    public double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /** Whether the peak resident set was reset at the start (else it covers the JVM's whole life). */
    public boolean peakRssSinceStart() {
        return hwmReset;
    }

    private static boolean resetPeakRss() {
        try {
            // "5" resets the peak resident set size (VmHWM) to the current one (proc(5), clear_refs)
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        sample();
    }
}
