package vn.egovpulse.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A province of one scenario, its units and a stream of {@code case.received} events (one case each,
 * ids {@code <P>-c-<n>}, every 50th batch re-sending ids of the batch before it), posted over HTTP by
 * clients that retry a 503 (after Retry-After) or an I/O error until they get 202.
 *
 * The oracle is built only from 202 answers: the set of event numbers a 202 covered. Per unit, the
 * expected {@code onestop.received} numerator is the number of those events of the unit.
 */
final class Load {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PERIOD = "2023";
    private static final SecureRandom RANDOM = new SecureRandom();

    final String province;
    final String source;
    final List<String> units = new ArrayList<>();
    private final BitSet accepted = new BitSet();
    final AtomicLong batches202 = new AtomicLong();
    final AtomicLong events202 = new AtomicLong();
    final AtomicInteger answers503 = new AtomicInteger();
    final AtomicInteger missingRetryAfter = new AtomicInteger();
    final AtomicInteger ioErrors = new AtomicInteger();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final Map<Integer, Integer> statusCounts = new ConcurrentHashMap<>();

    Load(String prefix, int districts) {
        this.province = newProvince(prefix);
        this.source = "urn:egov:" + province + ":one-stop";
        for (int i = 0; i < districts; i++) {
            units.add(province + ".H.D" + i);
        }
    }

    /** A fresh province code per scenario (and per run), so scenarios never see each other's data. */
    static String newProvince(String prefix) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < 8) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** PUT the province and its districts, then wait until ingest knows them. */
    void registerUnits() {
        StringBuilder body = new StringBuilder("[{\"code\":\"" + province + "\",\"name\":\"Tỉnh thử nghiệm "
                + province + "\",\"tier\":\"PROVINCE\"}");
        for (int i = 0; i < units.size(); i++) {
            body.append(",{\"code\":\"").append(units.get(i)).append("\",\"name\":\"UBND huyện Thử nghiệm ").append(i)
                    .append("\",\"tier\":\"DISTRICT\",\"parent\":\"").append(province).append("\"}");
        }
        body.append(']');
        HttpResponse<String> r = Http.put(ChaosStack.INGEST + "/api/v1/units", Tokens.good("urn:egov:" + province + ":admin",
                "admin", province), body.toString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("PUT units: " + r.statusCode() + " " + r.body());
        }
        org.awaitility.Awaitility.await("units of " + province + " known to every service").atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(ChaosStack.INGEST + "/api/v1/units?province=" + province).body().contains(units.get(units.size() - 1))
                        && Http.get(ChaosStack.REPORTING + "/api/v1/units?province=" + province).body().contains(units.get(units.size() - 1)));
    }

    String unitOf(int n) {
        return units.get(n % units.size());
    }

    String eventJson(int n) {
        LocalDate day = LocalDate.of(2023, 1, 1).plusDays(n % 365);
        String unit = unitOf(n);
        String channel = n % 3 == 0 ? "ONLINE" : n % 7 == 0 ? "POSTAL" : "DIRECT";
        String level = channel.equals("ONLINE") ? ",\"onlineLevel\":" + (n % 2 == 0 ? 4 : 3) : "";
        return "{\"specversion\":\"1.0\",\"id\":\"" + province + "-c-" + n + "\",\"source\":\"" + source
                + "\",\"type\":\"vn.gov.egov.onestop.case.received\",\"time\":\"" + day + "T09:" + String.format("%02d", n % 60)
                + ":00+07:00\",\"subject\":\"" + unit + "\",\"datacontenttype\":\"application/json\",\"data\":{\"caseId\":\""
                + unit + "-" + n + "\",\"channel\":\"" + channel + "\"" + level + ",\"dueAt\":\"" + day.plusDays(7) + "T17:00:00+07:00\"}}";
    }

    /** Events [from, to) in batches of batchSize; every 50th batch also repeats 10 ids of the one before. */
    List<int[]> batches(int from, int to, int batchSize) {
        List<int[]> out = new ArrayList<>();
        int b = 0;
        for (int start = from; start < to; start += batchSize, b++) {
            int end = Math.min(to, start + batchSize);
            int repeats = b % 50 == 49 && start - from >= 10 ? 10 : 0;
            int[] ns = new int[end - start + repeats];
            int k = 0;
            for (int r = 0; r < repeats; r++) {
                ns[k++] = start - 1 - r;
            }
            for (int n = start; n < end; n++) {
                ns[k++] = n;
            }
            out.add(ns);
        }
        return out;
    }

    /** Posts every batch with {@code threads} clients; returns when each got its 202 or the deadline passed. */
    void post(List<int[]> batches, int threads, Duration deadline) {
        post(batches, threads, deadline, 0);
    }

    /** pauseMs: a client-side pause after each batch, so that a load spans a fault. */
    void post(List<int[]> batches, int threads, Duration deadline, long pauseMs) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + deadline.toNanos();
        String token = Tokens.good(source, "ingest", province);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int[] b : batches) {
                fs.add(pool.submit(() -> {
                    postUntilAccepted(b, token, end);
                    pause(pauseMs);
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts {@link #post} in the background. */
    Thread postInBackground(List<int[]> batches, int threads, Duration deadline, long pauseMs) {
        Thread t = new Thread(() -> post(batches, threads, deadline, pauseMs), "load-" + province);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void postUntilAccepted(int[] ns, String token, long end) {
        StringBuilder body = new StringBuilder(ns.length * 330).append('[');
        for (int i = 0; i < ns.length; i++) {
            body.append(i == 0 ? "" : ",").append(eventJson(ns[i]));
        }
        byte[] bytes = body.append(']').toString().getBytes(StandardCharsets.UTF_8);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = ChaosStack.HTTP.send(HttpRequest.newBuilder(URI.create(ChaosStack.INGEST + "/api/v1/events"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/cloudevents-batch+json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
                statusCounts.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 202) {
                    synchronized (accepted) {
                        for (int n : ns) {
                            accepted.set(n);
                        }
                    }
                    batches202.incrementAndGet();
                    events202.addAndGet(ns.length);
                    return;
                }
                if (r.statusCode() == 503) {
                    answers503.incrementAndGet();
                    String ra = r.headers().firstValue("Retry-After").orElse(null);
                    if (ra == null) {
                        missingRetryAfter.incrementAndGet();
                    }
                    // A client that honours Retry-After (capped so that the suite stays short).
                    pause(ra == null ? 1000 : Math.min(5000, Long.parseLong(ra.trim()) * 1000));
                    continue;
                }
                unexpected.add(r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
                return;
            } catch (IOException e) {
                ioErrors.incrementAndGet();
                pause(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        unexpected.add("no 202 before the deadline for a batch of " + ns.length);
    }

    /** A client's back-off between retries of a refused batch (what a source system does), not a wait for Kafka. */
    private static void pause(long ms) {
        java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ms));
    }

    /** For records produced straight to Kafka: acknowledged (acks=all) counts as accepted. */
    void markAccepted(int n) {
        synchronized (accepted) {
            accepted.set(n);
        }
    }

    /** The oracle: per unit, how many distinct events a 202 covered. */
    Map<String, Long> expected() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String u : units) {
            m.put(u, 0L);
        }
        synchronized (accepted) {
            accepted.stream().forEach(n -> m.merge(unitOf(n), 1L, Long::sum));
        }
        return m;
    }

    long expectedTotal() {
        synchronized (accepted) {
            return accepted.cardinality();
        }
    }

    /** What reporting says now: per unit, the onestop.received numerator (-1 when it cannot answer). */
    Map<String, Long> counted() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String u : units) {
            m.put(u, Readings.received(ChaosStack.REPORTING, "units", u, PERIOD));
        }
        return m;
    }

    long countedTotal() {
        return Readings.received(ChaosStack.REPORTING, "provinces", province, PERIOD);
    }

    String summary() {
        return String.format("province %s: %d distinct events accepted (202) in %d batches (%d events sent incl. repeats); "
                        + "503: %d (without Retry-After: %d), I/O errors: %d, statuses %s, unexpected %s",
                province, expectedTotal(), batches202.get(), events202.get(), answers503.get(), missingRetryAfter.get(),
                ioErrors.get(), statusCounts, unexpected);
    }
}
