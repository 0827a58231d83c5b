package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams the generated events to the ingest service: one batch per source (a token is per
 * source), several batches in flight, at most a few batches held in memory.
 */
final class Loader {
    private final Ingest ingest;
    private final int threads;
    private final int batchSize;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Loader(Ingest ingest, int threads, int batchSize) {
        this.ingest = ingest;
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /** Loads every block of every province copy; returns the number of events accepted. */
    long load(List<Units> provinces, List<String> blocks, java.time.LocalDate today) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Semaphore inFlight = new Semaphore(threads * 2);
        long start = System.nanoTime();
        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(5_000);
                    double s = (System.nanoTime() - start) / 1e9;
                    System.out.printf("  %,d events sent (%,.0f events/s)%n", sent.get(), sent.get() / s);
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        progress.setDaemon(true);
        progress.start();
        try {
            for (Units units : provinces) {
                DemoData data = new DemoData(units, today);
                for (String block : blocks) {
                    System.out.println(units.province() + " " + block + " ...");
                    Map<String, ArrayNode> buffers = new HashMap<>();
                    data.emit(block, event -> {
                        String source = event.get("source").asText();
                        ArrayNode buffer = buffers.computeIfAbsent(source, s -> JsonNodeFactory.instance.arrayNode());
                        buffer.add(event);
                        if (buffer.size() >= batchSize) {
                            buffers.remove(source);
                            submit(pool, inFlight, source, units.province(), buffer);
                        }
                    });
                    buffers.forEach((source, buffer) -> submit(pool, inFlight, source, units.province(), buffer));
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            progress.interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading failed after " + sent.get() + " events: " + failure.get().getMessage(), failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %,d events in %.1f s (%,.0f events/s)%n", sent.get(), seconds, sent.get() / seconds);
        return sent.get();
    }

    private void submit(ExecutorService pool, Semaphore inFlight, String source, String province, ArrayNode batch) {
        if (failure.get() != null) {
            throw new IllegalStateException("stopping: " + failure.get().getMessage(), failure.get());
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        pool.execute(() -> {
            try {
                sent.addAndGet(ingest.post(source, province, batch));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                inFlight.release();
            }
        });
    }
}
