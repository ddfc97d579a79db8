package io.upshift.bench.support;

import java.time.Duration;
import java.util.Map;

/**
 * Polls a service process's {@code /actuator/prometheus} in the background and keeps the highest
 * heap in use, the highest live data after GC, and the highest thread count it saw.
 */
public final class HeapWatch implements AutoCloseable {

    private final ServiceProcess service;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double peakHeapBytes;
    private volatile double peakLiveBytes;
    private volatile double peakThreads;

    public HeapWatch(ServiceProcess service, Duration every) {
        this.service = service;
        this.thread = Thread.ofPlatform().daemon().name("bench-heap-watch").start(() -> {
            while (running) {
                try {
                    sample();
                } catch (RuntimeException e) {
                    // the service is busy or stopping: the next sample counts
                }
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void sample() {
        Map<String, Map<String, Double>> metrics = service.metrics();
        double heap = ServiceProcess.sum(metrics, "jvm_memory_used_bytes", labels -> labels.contains("area=\"heap\""));
        double live = ServiceProcess.sum(metrics, "jvm_gc_live_data_size_bytes", labels -> true);
        double threads = ServiceProcess.sum(metrics, "jvm_threads_live_threads", labels -> true);
        peakHeapBytes = Math.max(peakHeapBytes, heap);
        if (!Double.isNaN(live)) {
            peakLiveBytes = Math.max(peakLiveBytes, live);
        }
        peakThreads = Math.max(peakThreads, threads);
    }

    public double peakHeapMb() {
        return peakHeapBytes / (1 << 20);
    }

    public double peakLiveDataMb() {
        return peakLiveBytes / (1 << 20);
    }

    public double peakThreads() {
        return peakThreads;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
