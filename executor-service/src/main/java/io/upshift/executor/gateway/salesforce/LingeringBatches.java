package io.upshift.executor.gateway.salesforce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Items gathered by key into batches, each handed on when it holds {@code size} items or has
 * waited {@code linger} since its first one. Loop thread only (the timers run on the same loop).
 */
final class LingeringBatches<K, T> {

    private static final class Batch<T> {
        final List<T> items = new ArrayList<>();
        ScheduledFuture<?> timer;
    }

    private final ScheduledExecutorService loop;
    private final int size;
    private final Duration linger;
    private final BiConsumer<K, List<T>> sender;
    private final Map<K, Batch<T>> forming = new HashMap<>();

    LingeringBatches(ScheduledExecutorService loop, int size, Duration linger, BiConsumer<K, List<T>> sender) {
        this.loop = loop;
        this.size = size;
        this.linger = linger;
        this.sender = sender;
    }

    void add(K key, T item) {
        Batch<T> batch = forming.computeIfAbsent(key, k -> new Batch<>());
        batch.items.add(item);
        if (batch.items.size() >= size) {
            flush(key);
        } else if (batch.timer == null) {
            batch.timer = loop.schedule(() -> flush(key), linger.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Takes every item not yet sent, and forgets its batch. */
    List<T> drain() {
        List<T> all = new ArrayList<>();
        forming.values().forEach(batch -> {
            if (batch.timer != null) {
                batch.timer.cancel(false);
            }
            all.addAll(batch.items);
        });
        forming.clear();
        return all;
    }

    private void flush(K key) {
        Batch<T> batch = forming.remove(key);
        if (batch == null) {
            return;
        }
        if (batch.timer != null) {
            batch.timer.cancel(false);
        }
        sender.accept(key, batch.items);
    }
}
