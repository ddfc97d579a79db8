package io.upshift.bench.support;

import io.upshift.bench.Profile;
import io.upshift.bench.Profile.Share;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records one benchmark with JFR (the "profile" settings: a Java sample every 10 ms, allocation
 * samples, GC) and boils the recording down to where the time went. The recording stays on disk
 * for {@code jfr print --events jdk.ExecutionSample} or JDK Mission Control.
 */
public final class Profiler {

    /**
     * Components, recognised by thread name. Several services run in this JVM; their threads are
     * told apart by the names they give them (see LocalUpshift and each service's thread names).
     */
    private static final Map<String, Pattern> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("executor: commands loop + runner", Pattern.compile("upshift-executor-(commands|scheduler).*"));
        COMPONENTS.put("fleet world (simulated Salesforce)", Pattern.compile("fleet-world-.*"));
        COMPONENTS.put("planner: campaign loop", Pattern.compile("campaign-loop"));
        COMPONENTS.put("planner: outbox relay", Pattern.compile("outbox-relay"));
        COMPONENTS.put("planner: outcome listener", Pattern.compile("outcomeListenerContainer.*"));
        COMPONENTS.put("notifier: email sender", Pattern.compile("email-sender(-\\d+)?"));
        COMPONENTS.put("notifier: listeners", Pattern.compile("(subscriberNotice|upgradeOutcome|campaignEvent).*"));
        COMPONENTS.put("kafka clients (producer I/O)", Pattern.compile("kafka-producer-network-thread.*"));
        COMPONENTS.put("kafka broker", Pattern.compile("(data-plane|controller|kafka-|ReplicaFetcher|raft|"
                + "ExpirationReaper|group-coordinator|transaction-coordinator|broker-|LogDirFailure|"
                + "share-|TxnMarker|quorum|executor-|feature-|metadata|ExpirationReaper).*", Pattern.CASE_INSENSITIVE));
        COMPONENTS.put("http (REST API, actuator)", Pattern.compile("(http-nio|tomcat|HttpClient).*"));
        COMPONENTS.put("postgres JDBC / pools", Pattern.compile("(HikariPool|.*housekeeper|PostgreSQL).*"));
        COMPONENTS.put("benchmark driver", Pattern.compile("(main|bench-.*)"));
    }

    private final Path directory;
    private final boolean enabled;

    public Profiler(Path directory, boolean enabled) {
        this.directory = directory;
        this.enabled = enabled;
    }

    /** A recording in progress, plus the CPU counters at its start. */
    public final class Session implements AutoCloseable {
        private final Recording recording;
        private final Path file;
        private final CpuClock cpu;
        private final long started = System.nanoTime();
        private final double jvmCpuAtStart;
        private final double postgresCpuAtStart;
        private Profile profile;

        private Session(String name, CpuClock cpu) throws IOException, ParseException {
            this.cpu = cpu;
            this.file = directory.resolve(name + ".jfr");
            this.jvmCpuAtStart = cpu.jvmSeconds();
            this.postgresCpuAtStart = cpu.postgresSeconds();
            if (enabled) {
                recording = new Recording(Configuration.getConfiguration("profile"));
                recording.setName("bench-" + name);
                recording.setToDisk(true);
                recording.start();
            } else {
                recording = null;
            }
        }

        /**
         * Stops recording and summarises it: only what happened inside the measured windows, when
         * the benchmark opened any, else all of it.
         */
        public Profile stop(List<Window> windows) throws IOException {
            if (profile != null) {
                return profile;
            }
            double wall = (System.nanoTime() - started) / 1e9;
            double jvmCpu = cpu.jvmSeconds() - jvmCpuAtStart;
            double postgresCpu = cpu.postgresSeconds() - postgresCpuAtStart;
            if (!windows.isEmpty()) {
                wall = windows.stream().mapToDouble(Window::seconds).sum();
                jvmCpu = windows.stream().mapToDouble(Window::jvmSeconds).sum();
                postgresCpu = windows.stream().mapToDouble(Window::postgresSeconds).sum();
            }
            if (recording == null) {
                profile = new Profile(null, 0, Map.of(), List.of(), List.of(), List.of(), 0, 0, jvmCpu, postgresCpu, wall);
                return profile;
            }
            recording.stop();
            recording.dump(file);
            recording.close();
            profile = summarise(file, jvmCpu, postgresCpu, wall, windows);
            return profile;
        }

        @Override
        public void close() throws IOException {
            stop(List.of());
        }
    }

    public Session start(String name, CpuClock cpu) throws IOException {
        try {
            return new Session(name, cpu);
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR 'profile' settings cannot be read", e);
        }
    }

    /** Summarises a whole recording (also one a child JVM wrote with -XX:StartFlightRecording). */
    public static Profile summarise(Path file, double jvmCpu, double postgresCpu, double wall) throws IOException {
        return summarise(file, jvmCpu, postgresCpu, wall, List.of());
    }

    /** Summarises the events of a recording that started inside one of the windows (all of them if there are none). */
    public static Profile summarise(Path file, double jvmCpu, double postgresCpu, double wall, List<Window> windows)
            throws IOException {
        Map<String, Long> byComponent = new HashMap<>();
        Map<String, Long> byMethod = new HashMap<>();
        Map<String, Long> byUpshiftMethod = new HashMap<>();
        Map<String, Long> allocationWeight = new HashMap<>();
        long samples = 0;
        long allocationTotal = 0;
        double gcPause = 0;
        long gcCount = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!windows.isEmpty() && windows.stream().noneMatch(w -> w.contains(event.getStartTime()))) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedThread thread = event.getThread("sampledThread");
                        byComponent.merge(component(thread), 1L, Long::sum);
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack != null && !stack.getFrames().isEmpty()) {
                            byMethod.merge(name(stack.getFrames().getFirst()), 1L, Long::sum);
                            for (RecordedFrame frame : stack.getFrames()) {
                                if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith("io.upshift.")) {
                                    byUpshiftMethod.merge(name(frame), 1L, Long::sum);
                                    break;
                                }
                            }
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = event.getLong("weight");
                        allocationTotal += weight;
                        RecordedStackTrace stack = event.getStackTrace();
                        String site = stack == null ? "?" : stack.getFrames().stream()
                                .filter(RecordedFrame::isJavaFrame)
                                .filter(f -> !f.getMethod().getType().getName().startsWith("java."))
                                .findFirst().map(Profiler::name).orElse(event.getClass("objectClass").getName());
                        allocationWeight.merge(site + " (" + event.getClass("objectClass").getName() + ")", weight, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPause += event.getDuration("sumOfPauses").toNanos() / 1e6;
                    }
                    default -> {
                    }
                }
            }
        }
        Map<String, Double> components = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sorted(byComponent)) {
            components.put(e.getKey(), percent(e.getValue(), samples));
        }
        return new Profile(file.toString(), samples, components, top(byMethod, samples, 12),
                top(byUpshiftMethod, samples, 12), top(allocationWeight, allocationTotal, 8), gcPause, gcCount,
                jvmCpu, postgresCpu, wall);
    }

    private static String component(RecordedThread thread) {
        String name = thread == null ? "?" : thread.getJavaName() == null ? "?" : thread.getJavaName();
        for (Map.Entry<String, Pattern> e : COMPONENTS.entrySet()) {
            if (e.getValue().matcher(name).matches()) {
                return e.getKey();
            }
        }
        // Spring Kafka names listener threads after the container bean: "<bean>-0-C-1"
        if (name.matches(".*-C-\\d+")) {
            return "kafka listener containers";
        }
        return "other (" + name.replaceAll("[-_ ]?\\d+$", "").replaceAll("\\d+", "N") + ")";
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        return entries;
    }

    private static List<Share> top(Map<String, Long> counts, long total, int n) {
        return sorted(counts).stream().limit(n).map(e -> new Share(e.getKey(), percent(e.getValue(), total))).toList();
    }

    private static double percent(long part, long total) {
        return total == 0 ? 0 : Math.round(1000.0 * part / total) / 10.0;
    }
}
