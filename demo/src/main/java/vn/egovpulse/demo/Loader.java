package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * source), several batches in flight, at most a few batches held in memory. The batches can
 * also be written to a directory first ({@link #spool}) and posted from there
 * ({@link #loadSpool}), so that a benchmark does not time the generator.
 */
final class Loader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX = "batches.tsv";

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

    private interface BatchSink {
        void accept(String source, String province, ArrayNode batch);
    }

    /** Loads every block of every province copy; returns the number of events accepted. */
    long load(List<Units> provinces, List<String> blocks, LocalDate today) throws InterruptedException {
        return posting(pool -> batches(provinces, blocks, today,
                (source, province, batch) -> submit(pool, source, province, () -> body(batch), batch.size())));
    }

    /** Writes every batch {@link #load} would post into {@code dir}, with an index; posts nothing. */
    long spool(List<Units> provinces, List<String> blocks, LocalDate today, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> index = new ArrayList<>();
        AtomicLong events = new AtomicLong();
        batches(provinces, blocks, today, (source, province, batch) -> {
            String file = String.format("%07d.json", index.size());
            try {
                Files.write(dir.resolve(file), body(batch));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            index.add(file + "\t" + source + "\t" + province + "\t" + batch.size());
            events.addAndGet(batch.size());
        });
        Files.write(dir.resolve(INDEX), index);
        System.out.printf("wrote %,d events in %,d batches to %s%n", events.get(), index.size(), dir);
        return events.get();
    }

    /** Posts the batches {@link #spool} wrote, in order; returns the number of events accepted. */
    long loadSpool(Path dir) throws InterruptedException, IOException {
        List<String> index = Files.readAllLines(dir.resolve(INDEX));
        return posting(pool -> {
            for (String line : index) {
                String[] f = line.split("\t");
                submit(pool, f[1], f[2], () -> read(dir.resolve(f[0])), Integer.parseInt(f[3]));
            }
        });
    }

    private interface Work {
        void run(Posting pool);
    }

    private record Posting(ExecutorService executor, Semaphore inFlight) {
    }

    private long posting(Work work) throws InterruptedException {
        Posting pool = new Posting(Executors.newFixedThreadPool(threads), new Semaphore(threads * 2));
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
            work.run(pool);
        } finally {
            pool.executor().shutdown();
            pool.executor().awaitTermination(1, TimeUnit.HOURS);
            progress.interrupt();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading failed after " + sent.get() + " events: " + failure.get().getMessage(), failure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %,d events in %.1f s (%,.0f events/s)%n", sent.get(), seconds, sent.get() / seconds);
        return sent.get();
    }

    /** Groups the generated events into batches of one source, at most {@code batchSize} each. */
    private void batches(List<Units> provinces, List<String> blocks, LocalDate today, BatchSink sink) {
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
                        sink.accept(source, units.province(), buffer);
                    }
                });
                buffers.forEach((source, buffer) -> sink.accept(source, units.province(), buffer));
            }
        }
    }

    private interface Body {
        byte[] get() throws IOException;
    }

    private void submit(Posting pool, String source, String province, Body body, int count) {
        if (failure.get() != null) {
            throw new IllegalStateException("stopping: " + failure.get().getMessage(), failure.get());
        }
        try {
            pool.inFlight().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        pool.executor().execute(() -> {
            try {
                sent.addAndGet(ingest.post(source, province, body.get(), count));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                pool.inFlight().release();
            }
        });
    }

    private static byte[] body(ArrayNode batch) {
        try {
            return JSON.writeValueAsBytes(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
