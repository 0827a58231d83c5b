package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A low-rate live feed: current-time events (cases received and resolved, documents, now and
 * then a meeting) so that the dashboards move. Ids are "pto-live-<time>-<random>" and never
 * collide with the data set or with another run of the feed.
 */
final class Feed {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private record OpenCase(Unit unit, String caseId, LocalDate due) {
    }

    private final DemoData data;
    private final List<Unit> units;
    private final List<Unit> hosts;
    private final SplittableRandom random = new SplittableRandom();
    private final Deque<OpenCase> open = new ArrayDeque<>();

    Feed(Units registry) {
        this.data = new DemoData(registry, LocalDate.now(DemoData.VN));
        // Today's units (SPEC 6: the two-tier structure), not those merged away.
        this.units = registry.validAt(LocalDate.now(DemoData.VN)).stream().filter(u -> u.tier() != Tier.PROVINCE).toList();
        this.hosts = units.stream().filter(u -> u.tier() != Tier.COMMUNE).toList();
    }

    /** Sends about {@code rate} events per second until the process is stopped. */
    void run(Ingest ingest, String province, double rate) throws InterruptedException {
        double due = 0;
        long sent = 0;
        long next = System.nanoTime();
        while (true) {
            due += rate;
            int n = (int) due;
            due -= n;
            Map<String, ArrayNode> bySource = new HashMap<>();
            for (int i = 0; i < n; i++) {
                ObjectNode e = next();
                bySource.computeIfAbsent(e.get("source").asText(), s -> JsonNodeFactory.instance.arrayNode()).add(e);
            }
            for (Map.Entry<String, ArrayNode> batch : bySource.entrySet()) {
                try {
                    sent += ingest.post(batch.getKey(), province, batch.getValue());
                } catch (IllegalStateException ex) {
                    System.err.println("feed: " + ex.getMessage()); // keep feeding; the next second may work
                }
            }
            if (n > 0 && sent % 100 < n) {
                System.out.printf("feed: %,d events sent%n", sent);
            }
            next += 1_000_000_000L;
            long sleep = (next - System.nanoTime()) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** One live event at the current time. */
    ObjectNode next() {
        OffsetDateTime now = OffsetDateTime.now(DemoData.VN).truncatedTo(ChronoUnit.SECONDS);
        String id = data.idPrefix + "-live-" + STAMP.format(now) + "-" + HexFormat.of().toHexDigits(random.nextInt());
        int kind = random.nextInt(100);
        if (kind < 25 && !open.isEmpty()) {
            OpenCase c = random.nextBoolean() ? open.pollFirst() : open.pollLast();
            return data.caseResolved(id, c.unit(), c.caseId(), now, null);
        }
        if (kind < 60) {
            Unit u = units.get(random.nextInt(units.size()));
            String caseId = data.last(u) + "-LIVE-" + STAMP.format(now) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
            LocalDate due = now.toLocalDate().plusDays(3 + random.nextInt(10));
            double c = random.nextDouble();
            byte channel = c < 0.25 ? DemoData.ONLINE4 : c < 0.6 ? DemoData.ONLINE3 : c < 0.65 ? DemoData.POSTAL : DemoData.DIRECT;
            if (open.size() >= 5_000) {
                open.pollFirst(); // forgotten: stays open, as some cases do
            }
            open.addLast(new OpenCase(u, caseId, due));
            return data.caseReceived(id, u, caseId, now, channel, due, random);
        }
        if (kind < 98) {
            Unit u = units.get(random.nextInt(units.size()));
            String documentId = "LIVE/" + data.last(u) + "/" + STAMP.format(now) + "/" + random.nextInt(1000);
            if (random.nextBoolean()) {
                boolean org = random.nextInt(100) < 95;
                return data.documentIssued(id, u, documentId, now, random.nextInt(100) < 92, org,
                        org && random.nextInt(100) < 88, false, org && random.nextInt(100) < 60);
            }
            return data.documentReceived(id, u, documentId, now, random.nextInt(100) < 93, random.nextInt(100) < 85);
        }
        Unit host = hosts.get(random.nextInt(hosts.size()));
        DemoData.Meeting m = DemoData.meeting(random, host, random.nextInt(100) < 60);
        return data.meetingHeld(id, host, "HN-LIVE-" + STAMP.format(now) + "-" + random.nextInt(1000), now,
                30 + random.nextInt(150), m);
    }

    static List<ObjectNode> sample(Units registry, int n) {
        Feed f = new Feed(registry);
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.next());
        }
        return out;
    }
}
