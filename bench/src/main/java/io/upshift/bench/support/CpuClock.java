package io.upshift.bench.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CPU seconds spent so far by this JVM and by the PostgreSQL server of the devstack (its
 * postmaster, live backends and the backends it already reaped), read from {@code /proc}. JFR
 * samples only Java threads; the database's share of a benchmark is only visible here.
 */
public final class CpuClock {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on every Linux we run on

    private final long postmaster;

    private CpuClock(long postmaster) {
        this.postmaster = postmaster;
    }

    /** Finds the postmaster listening on {@code postgresPort}; without /proc every PostgreSQL figure is NaN. */
    public static CpuClock forPostgresOnPort(int postgresPort) {
        return new CpuClock(findPostmaster(postgresPort).orElse(-1L));
    }

    public double jvmSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** CPU seconds of the postmaster, its live children, and the children it has reaped. */
    public double postgresSeconds() {
        if (postmaster < 0) {
            return Double.NaN;
        }
        long[] own = stat(postmaster);
        if (own == null) {
            return Double.NaN;
        }
        long ticks = own[0] + own[1] + own[2] + own[3];
        Optional<ProcessHandle> handle = ProcessHandle.of(postmaster);
        if (handle.isPresent()) {
            for (ProcessHandle child : handle.get().children().toList()) {
                long[] times = stat(child.pid());
                if (times != null) {
                    ticks += times[0] + times[1];
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * PostgreSQL's memory now: the proportional set size (Pss: shared buffers split among the
     * processes that touch them, so the sum is not counted twice) of the postmaster and its
     * children, in bytes; NaN without /proc.
     */
    public double postgresMemoryBytes() {
        if (postmaster < 0) {
            return Double.NaN;
        }
        double bytes = pss(postmaster);
        Optional<ProcessHandle> handle = ProcessHandle.of(postmaster);
        if (handle.isPresent()) {
            for (ProcessHandle child : handle.get().children().toList()) {
                double b = pss(child.pid());
                bytes += Double.isNaN(b) ? 0 : b;
            }
        }
        return bytes;
    }

    private static double pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Child processes of a JVM pid (a service started as its own process) are not counted: use {@link #processSeconds}. */
    public static double processSeconds(long pid) {
        long[] times = stat(pid);
        return times == null ? Double.NaN : (times[0] + times[1]) / TICKS_PER_SECOND;
    }

    private static Optional<Long> findPostmaster(int port) {
        String portArgument = String.valueOf(port);
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres") || c.equals("postgres")).orElse(false))
                .filter(p -> commandLine(p.pid()).contains(portArgument))
                .filter(p -> p.parent().map(parent -> !parent.info().command().orElse("").endsWith("postgres"))
                        .orElse(true))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    private static List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return List.of(raw.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** utime, stime, cutime, cstime in clock ticks, or null. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name (field 2) may contain spaces: parse after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime is field 14 → index 11
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
