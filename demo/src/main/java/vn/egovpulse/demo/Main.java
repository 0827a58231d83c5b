package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The demo command line: load, feed, write, count (see README.md). */
public final class Main {

    private static final String USAGE = """
            usage: java -jar demo.jar <command> [options]
              load  --ingest http://127.0.0.1:8081 --token-cmd "deploy/local/token.sh" [--threads 4] [--batch 5000]
                    [--years 2020,2021,2022,current] [--scale N] [--today YYYY-MM-DD]
                    [--from DIR]
                    PUT the units (admin token), then POST the events of each year (or the batches
                    that spool wrote into DIR: the same scale, years and today must be given).
              spool --out DIR [--batch 5000] [--years ...] [--scale N] [--today YYYY-MM-DD]
                    the batches load would POST, as files, so that a benchmark times HTTP ingest
                    and not the generator.
              lag   --bootstrap HOST:PORT --group GROUP --topic TOPIC [--until-zero true]
                    records of TOPIC not yet committed by GROUP (with --until-zero, waits for 0).
              facts-pager --reporting URL [--province PTO] [--period 2020] [--as-of YYYY-MM-DD]
                    [--units CODE,...] [--indicators onestop.onTimeRate,...] [--limit 1000] [--rounds 1]
                    benchmark: pages through GET /units/{code}/facts of every unit of the province
                    valid at --as-of (default: the period's year end), items per second.
              feed  --ingest http://127.0.0.1:8081 --token-cmd "deploy/local/token.sh" [--rate 2]
                    a live feed of current-time events (about RATE per second) until stopped.
              freshness --ingest URL --reporting URL --token-cmd CMD [--rate 1000] [--samples 200]
                    benchmark B3: accept-to-visible latency under a steady background load.
              write --out FILE [--years ...] [--scale N] [--today YYYY-MM-DD]
                    the events as JSON lines.
              count [--years ...] [--scale N] [--today YYYY-MM-DD]
                    how many events each year produces.
              units [--scale N]
                    the units as the JSON array PUT /api/v1/units takes (one array per province copy).
            --scale N replays the data set under N provinces: PTO plus the copies P01..P(N-1).
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        Map<String, String> opt = options(args);
        LocalDate today = opt.containsKey("today") ? LocalDate.parse(opt.get("today")) : LocalDate.now(DemoData.VN);
        List<String> blocks = DemoData.parseBlocks(opt.get("years"));
        List<Units> provinces = provinces(Integer.parseInt(opt.getOrDefault("scale", "1")));
        switch (args[0]) {
            case "load" -> {
                Ingest ingest = new Ingest(required(opt, "ingest"), new Tokens(required(opt, "token-cmd")));
                for (Units units : provinces) {
                    ingest.putUnits(units);
                    System.out.println("units of " + units.province() + ": " + units.all().size() + " upserted");
                }
                Loader loader = new Loader(ingest, Integer.parseInt(opt.getOrDefault("threads", "4")),
                        Integer.parseInt(opt.getOrDefault("batch", "5000")));
                if (opt.containsKey("from")) {
                    loader.loadSpool(Path.of(opt.get("from")));
                } else {
                    loader.load(provinces, blocks, today);
                }
            }
            case "spool" -> new Loader(null, 1, Integer.parseInt(opt.getOrDefault("batch", "5000")))
                    .spool(provinces, blocks, today, Path.of(required(opt, "out")));
            case "lag" -> Lag.run(required(opt, "bootstrap"), required(opt, "group"), required(opt, "topic"),
                    Boolean.parseBoolean(opt.getOrDefault("until-zero", "false")));
            case "facts-pager" -> {
                String period = opt.getOrDefault("period", "2020");
                String asOf = opt.getOrDefault("as-of", period.matches("\\d{4}") ? period + "-12-31" : null);
                if (asOf == null && !opt.containsKey("units")) {
                    throw new IllegalArgumentException("--as-of is required when --period is not a year");
                }
                FactsPager.run(required(opt, "reporting"), opt.getOrDefault("province", "PTO"), period, asOf,
                        opt.get("units"), List.of(opt.getOrDefault("indicators",
                                "onestop.onTimeRate,docs.signedRate,vc.meetings").split(",")),
                        Integer.parseInt(opt.getOrDefault("limit", "1000")), Integer.parseInt(opt.getOrDefault("rounds", "1")));
            }
            case "feed" -> {
                Ingest ingest = new Ingest(required(opt, "ingest"), new Tokens(required(opt, "token-cmd")));
                Units units = Units.phuTho();
                new Feed(units).run(ingest, units.province(), Double.parseDouble(opt.getOrDefault("rate", "2")));
            }
            case "freshness" -> new Freshness(required(opt, "ingest"), required(opt, "reporting"),
                    new Tokens(required(opt, "token-cmd"))).run(Units.phuTho(),
                    Double.parseDouble(opt.getOrDefault("rate", "1000")), Integer.parseInt(opt.getOrDefault("samples", "200")));
            case "write" -> write(Path.of(required(opt, "out")), provinces, blocks, today);
            case "count" -> count(provinces, blocks, today);
            case "units" -> {
                ObjectMapper mapper = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
                for (Units units : provinces) {
                    System.out.println(mapper.writeValueAsString(units.all()));
                }
            }
            default -> {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    /** PTO, then the copies P01..P(N-1). */
    static List<Units> provinces(int scale) {
        if (scale < 1 || scale > 99) {
            throw new IllegalArgumentException("--scale must be between 1 and 99");
        }
        List<Units> out = new ArrayList<>();
        out.add(Units.phuTho());
        for (int i = 1; i < scale; i++) {
            out.add(Units.of(String.format("P%02d", i)));
        }
        return out;
    }

    private static void write(Path file, List<Units> provinces, List<String> blocks, LocalDate today) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        AtomicLong n = new AtomicLong();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (Units units : provinces) {
                DemoData data = new DemoData(units, today);
                for (String block : blocks) {
                    data.emit(block, e -> {
                        try {
                            out.write(mapper.writeValueAsBytes(e));
                            out.write('\n');
                            n.incrementAndGet();
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
                }
            }
        }
        System.out.printf("wrote %,d events to %s%n", n.get(), file);
    }

    private static void count(List<Units> provinces, List<String> blocks, LocalDate today) {
        long total = 0;
        for (String block : blocks) {
            AtomicLong n = new AtomicLong();
            for (Units units : provinces) {
                new DemoData(units, today).emit(block, e -> n.incrementAndGet());
            }
            System.out.printf("%-8s %,12d events%n", block, n.get());
            total += n.get();
        }
        System.out.printf("%-8s %,12d events%n", "total", total);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value at '" + args[i] + "'\n" + USAGE);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }

    private static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required\n" + USAGE);
        }
        return v;
    }
}
