package vn.egovpulse.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.egovpulse.events.EventType;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The demo data set: CloudEvents (structured JSON, SPEC section 2) for Phú Thọ, generated
 * deterministically so that the indicators reproduce the published figures (see README.md).
 *
 * <p>Each block ("2020", "2021", "2022", "current") is planned as exact integer counts per unit
 * (cases received / open / late / online ..., documents signed ..., meetings), then the plan is
 * turned into events with seeded randomness for dates and times. Nothing but the current-year
 * block depends on {@code today}. Events are streamed, one unit at a time.
 */
public final class DemoData {

    public static final List<String> BLOCKS = List.of("2020", "2021", "2022", "2023", "2024", "2025", "current");

    static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    // Case outcomes and channels in a unit's shuffled plan (0 = on time / direct: the rest).
    private static final byte ON_TIME = 0, OPEN = 1, LATE = 2;
    static final byte DIRECT = 0, ONLINE4 = 1, ONLINE3 = 2, POSTAL = 3;

    /** Units named in the published rankings, best first, per year and league. */
    static final List<String> TOP_DEPARTMENTS_2020 = List.of("CT", "STTTT", "VPUBND");
    static final List<String> TOP_DISTRICTS_2020 = List.of("H.THANHBA", "H.PHUNINH", "H.THANHTHUY");
    static final List<String> TOP_DEPARTMENTS_2021 = List.of("CT", "STTTT", "VPUBND", "SYT", "STC");
    static final List<String> TOP_DISTRICTS_2021 = List.of("H.PHUTHO", "H.TANSON", "H.TAMNONG", "H.YENLAP", "H.THANHBA");
    static final String LAST_DEPARTMENT_2020 = "BCHQS";
    static final String LAST_DISTRICT_2020 = "H.HAHOA";

    private final Units units;
    private final LocalDate today;
    final String idPrefix;
    private final String oneStop;
    private final String docs;
    private final String vc;

    public DemoData(Units units, LocalDate today) {
        this.units = units;
        this.today = today;
        this.idPrefix = units.province().toLowerCase();
        this.oneStop = "urn:egov:" + units.province() + ":one-stop";
        this.docs = "urn:egov:" + units.province() + ":docs";
        this.vc = "urn:egov:" + units.province() + ":vc";
    }

    /** The sources the events come from (one token each). */
    public List<String> sources() {
        return List.of(oneStop, docs, vc, Demo766.feedbackSource(units), Demo766.assessmentSource(units));
    }

    /** "2020,2021" → those blocks; "all" → every block. */
    public static List<String> parseBlocks(String csv) {
        if (csv == null || csv.isBlank() || csv.equals("all")) {
            return BLOCKS;
        }
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            String b = s.trim();
            if (!BLOCKS.contains(b)) {
                throw new IllegalArgumentException("unknown year '" + b + "' (use " + String.join(",", BLOCKS) + ")");
            }
            out.add(b);
        }
        return out;
    }

    public void emit(String block, Consumer<ObjectNode> target) {
        // SPEC 7.1 facts for 2025 and the current year only (Demo766, its own randoms).
        Demo766 qd766 = Demo766.forBlock(units, idPrefix, block, today);
        Consumer<ObjectNode> out = qd766 == null ? target : qd766.decorate(target);
        switch (block) {
            case "2020" -> year2020(new Block(2020, out));
            case "2021" -> year2021(new Block(2021, out));
            case "2022" -> year2022(new Block(2022, out));
            // SPEC 6: everyday activity of whatever structure is valid each day (the reform of 1 July 2025).
            case "2023", "2024", "2025" -> days(LocalDate.of(Integer.parseInt(block), 1, 1),
                    LocalDate.of(Integer.parseInt(block), 12, 31), out);
            case "current" -> currentYear(out);
            default -> throw new IllegalArgumentException("unknown block " + block);
        }
        if (qd766 != null) {
            qd766.finish(target);
        }
    }

    // ---------------------------------------------------------------- plans

    /** What a unit is steered towards in a year; {@code fixed} units get exactly these rates. */
    record Profile(boolean fixed, double late, double online, double level4, double postal,
                   double org, double leader, double electronic, double axis, double reach) {

        /** A unit named in a published top list, rank 0 = first: full marks everywhere but a graded level-4 share and late share. */
        static Profile top(int rank, double online) {
            return new Profile(true, 0.002 + 0.003 * rank, online, 0.30 - 0.015 * rank, 0.05,
                    0.99, 0.95, 0.99, 0.70, 1.0);
        }

        /** The unit published as last. */
        static Profile worst() {
            return new Profile(true, 0.06, 0.06, 0.01, 0.03, 0.60, 0.45, 0.60, 0.30, 0.0);
        }

        /** Everybody else: rates rise with quality q in [0, 1]. */
        static Profile of(double q, double onlineBase) {
            double online = onlineBase + 0.28 * q;
            return new Profile(false, 0.04 - 0.03 * q, online, online * (0.15 + 0.2 * q), 0.065,
                    0.82 + 0.16 * q, 0.65 + 0.25 * q, 0.82 + 0.16 * q, 0.60, 0.15 + 0.45 * q);
        }
    }

    record CasePlan(Unit unit, int received, int open, int late, int online4, int online3, int postal, int carryIn) {
    }

    record DocPlan(Unit unit, LocalDate from, LocalDate to, int nonConfidential, int confidential,
                   int org, int leader, int electronic, int axis, int received) {
    }

    record Meeting(Unit host, Tier lowest, int endpoints, int participants) {
    }

    /** Relative size of a unit (its share of cases and documents within its tier). */
    double size(Unit u) {
        String local = units.local(u.code());
        Double s = SIZES.get(local);
        if (s != null) {
            return s;
        }
        return 0.6 + 0.8 * new Random(local.hashCode()).nextDouble(); // communes
    }

    private static final Map<String, Double> SIZES = Map.ofEntries(
            Map.entry("CT", 3.0), Map.entry("STTTT", 1.0), Map.entry("VPUBND", 2.0), Map.entry("SYT", 2.0),
            Map.entry("STC", 1.5), Map.entry("STP", 2.0), Map.entry("SLDTBXH", 1.5), Map.entry("STNMT", 2.5),
            Map.entry("SGTVT", 2.0), Map.entry("SCT", 1.2), Map.entry("BCHQS", 0.6), Map.entry("SKHDT", 1.8),
            Map.entry("SXD", 1.5), Map.entry("SNNPTNT", 1.2), Map.entry("SGDDT", 1.0), Map.entry("SNV", 1.0),
            Map.entry("SVHTTDL", 0.8), Map.entry("SKHCN", 0.6), Map.entry("TTT", 0.5), Map.entry("BDT", 0.4),
            Map.entry("H.VIETTRI", 3.0), Map.entry("H.PHUTHO", 1.2), Map.entry("H.THANHBA", 1.3),
            Map.entry("H.LAMTHAO", 1.3), Map.entry("H.HAHOA", 1.4), Map.entry("H.CAMKHE", 1.5),
            Map.entry("H.DOANHUNG", 1.4), Map.entry("H.YENLAP", 1.0), Map.entry("H.THANHSON", 1.3),
            Map.entry("H.TANSON", 1.0), Map.entry("H.TAMNONG", 1.0), Map.entry("H.THANHTHUY", 1.0),
            Map.entry("H.PHUNINH", 1.3));

    /** Profiles of every department, district and commune for a ranked year. */
    Map<String, Profile> profiles(int year) {
        List<String> topDep = year == 2020 ? TOP_DEPARTMENTS_2020 : TOP_DEPARTMENTS_2021;
        List<String> topDist = year == 2020 ? TOP_DISTRICTS_2020 : TOP_DISTRICTS_2021;
        double topOnline = year == 2020 ? 0.62 : 0.75;
        double onlineBase = year == 2020 ? 0.10 : 0.33;
        Map<String, Profile> out = new HashMap<>();
        for (Tier tier : List.of(Tier.DEPARTMENT, Tier.DISTRICT)) {
            List<String> top = tier == Tier.DEPARTMENT ? topDep : topDist;
            String last = tier == Tier.DEPARTMENT ? LAST_DEPARTMENT_2020 : LAST_DISTRICT_2020;
            List<String> others = new ArrayList<>();
            for (Unit u : units.tier(tier)) {
                String local = units.local(u.code());
                if (top.contains(local)) {
                    out.put(local, Profile.top(top.indexOf(local), topOnline));
                } else if (local.equals(last) && year == 2020) {
                    out.put(local, Profile.worst());
                } else {
                    others.add(local);
                }
            }
            // The others get evenly spread qualities in a fixed shuffled order.
            Collections.shuffle(others, new Random(year * 31L + tier.ordinal()));
            for (int i = 0; i < others.size(); i++) {
                double q = 0.25 + 0.65 * i / Math.max(1, others.size() - 1);
                out.put(others.get(i), Profile.of(q, onlineBase));
            }
        }
        for (Unit u : units.tier(Tier.COMMUNE)) {
            String local = units.local(u.code());
            double q = 0.2 + 0.7 * new Random(local.hashCode() * 7L + year).nextDouble();
            out.put(local, Profile.of(q, onlineBase));
        }
        return out;
    }

    /** The 18 communes that issued no signed document in 2020 (the published 207 of 225 did). */
    List<Unit> unsignedCommunes2020() {
        List<Unit> communes = new ArrayList<>(units.tier(Tier.COMMUNE));
        Collections.shuffle(communes, new Random(18));
        return communes.subList(0, 18);
    }

    /** Per-unit arrays for a list of units, built from a function of (unit, profile). */
    private interface PerUnit {
        double of(int i, Unit u, Profile p);
    }

    private double[] weights(List<Unit> list, Map<String, Profile> prof, PerUnit f) {
        double[] w = new double[list.size()];
        for (int i = 0; i < w.length; i++) {
            Unit u = list.get(i);
            w[i] = f.of(i, u, prof == null ? null : prof.get(units.local(u.code())));
        }
        return w;
    }

    /** fixed[i] = round(base[i] × rate) for fixed-profile units, -1 for the rest. */
    private int[] fixedShares(List<Unit> list, Map<String, Profile> prof, int[] base, PerUnit rate) {
        int[] f = new int[list.size()];
        for (int i = 0; i < f.length; i++) {
            Unit u = list.get(i);
            Profile p = prof.get(units.local(u.code()));
            f[i] = p.fixed() ? (int) Math.round(base[i] * rate.of(i, u, p)) : -1;
        }
        return f;
    }

    private static int[] minus(int[] a, int[] b) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static int[] half(int[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / 2;
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private int[] bySize(long total, List<Unit> list) {
        return Split.split(total, weights(list, null, (i, u, p) -> size(u)));
    }

    /**
     * Case plans for a ranked year. {@code received}, {@code open}, {@code late} are per unit of
     * {@code all}; online, level 4 and postal are split from exact province totals.
     */
    private List<CasePlan> casePlans(List<Unit> all, Map<String, Profile> prof, int[] received, int[] open,
                                     int[] late, int[] carryIn, long online, long level4, long postal) {
        int[] on = Split.split(online, fixedShares(all, prof, received, (i, u, p) -> p.online()),
                weights(all, prof, (i, u, p) -> received[i] * p.online()), received);
        int[] l4 = Split.split(level4, fixedShares(all, prof, received, (i, u, p) -> p.level4()),
                weights(all, prof, (i, u, p) -> received[i] * p.level4()), on);
        int[] po = Split.split(postal, fixedShares(all, prof, received, (i, u, p) -> p.postal()),
                weights(all, prof, (i, u, p) -> received[i] * p.postal()), minus(received, on));
        List<CasePlan> plans = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            plans.add(new CasePlan(all.get(i), received[i], open[i], late[i], l4[i], on[i] - l4[i], po[i],
                    carryIn == null ? 0 : carryIn[i]));
        }
        return plans;
    }

    private int[] lateShares(long total, List<Unit> list, Map<String, Profile> prof, int[] resolved) {
        return Split.split(total, fixedShares(list, prof, resolved, (i, u, p) -> p.late()),
                weights(list, prof, (i, u, p) -> resolved[i] * p.late()), resolved);
    }

    /** Document plans: exact totals of org-signed, leader-signed, electronic and axis over {@code list}. */
    private List<DocPlan> docPlans(List<Unit> list, Map<String, Profile> prof, int[] nonConf, int[] conf,
                                   long org, long leader, long electronic, long axis, int[] received,
                                   Set<String> unsigned, int year) {
        PerUnit orgRate = (i, u, p) -> unsigned.contains(u.code()) ? 0 : p.org();
        int[] o = Split.split(org, fixedShares(list, prof, nonConf, orgRate),
                weights(list, prof, (i, u, p) -> nonConf[i] * orgRate.of(i, u, p)), nonConf);
        int[] l = Split.split(leader, fixedShares(list, prof, nonConf, (i, u, p) -> p.leader()),
                weights(list, prof, (i, u, p) -> nonConf[i] * p.leader()), o);
        int[] e = Split.split(electronic, fixedShares(list, prof, nonConf, (i, u, p) -> p.electronic()),
                weights(list, prof, (i, u, p) -> nonConf[i] * p.electronic()), nonConf);
        int[] a = Split.split(axis, fixedShares(list, prof, nonConf, (i, u, p) -> p.axis()),
                weights(list, prof, (i, u, p) -> nonConf[i] * p.axis()), o);
        List<DocPlan> plans = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            plans.add(new DocPlan(list.get(i), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), nonConf[i],
                    conf == null ? 0 : conf[i], o[i], l[i], e[i], a[i], received[i]));
        }
        return plans;
    }

    // ---------------------------------------------------------------- 2020

    private void year2020(Block b) {
        Map<String, Profile> prof = profiles(2020);
        List<Unit> deps = units.tier(Tier.DEPARTMENT);
        List<Unit> dists = units.tier(Tier.DISTRICT);
        List<Unit> coms = units.tier(Tier.COMMUNE);
        List<Unit> local = concat(dists, coms); // the district and commune reception desks
        List<Unit> dd = concat(deps, dists);
        List<Unit> all = concat(deps, local);

        // One-stop: departments resolve everything within the year (1,712 carried in from Dec 2019).
        int[] depReceived = bySize(98_607, deps);
        int[] depOpen = new int[deps.size()];
        int[] depLate = lateShares(1_000, deps, prof, depReceived);
        int[] depCarry = bySize(1_712, deps);
        // District and commune desks: 7,259 still open at year end (received 22–31 Dec).
        int[] locReceived = Split.split(198_324,
                weights(local, null, (i, u, p) -> u.tier() == Tier.DISTRICT ? 15 * size(u) : size(u)));
        int[] locOpen = Split.split(7_259, null, weights(local, null, (i, u, p) -> locReceived[i]), half(locReceived));
        int[] locLate = lateShares(4_077, local, prof, minus(locReceived, locOpen));
        int[] received = concat(depReceived, locReceived);
        long online = Math.round(0.25 * 296_931);
        List<CasePlan> cases = casePlans(all, prof, received, concat(depOpen, locOpen), concat(depLate, locLate),
                concat(depCarry, new int[local.size()]), online, Math.round(0.40 * online), Math.round(0.065 * 296_931));
        cases.forEach(p -> cases(b, p));

        // Documents: 300,000 issued (2,000 confidential) + 421,223 received.
        int[] ddNonConf = concat(bySize(140_000, deps), bySize(60_000, dists));
        int[] ddConf = concat(bySize(2_000, deps), new int[dists.size()]);
        int[] docsReceived = Split.split(421_223, weights(all, null,
                (i, u, p) -> size(u) * (u.tier() == Tier.COMMUNE ? 1 : u.tier() == Tier.DISTRICT ? 8 : 10)));
        int[] ddReceived = Arrays.copyOfRange(docsReceived, 0, dd.size());
        int[] comReceived = Arrays.copyOfRange(docsReceived, dd.size(), all.size());
        Set<String> unsigned = new HashSet<>();
        unsignedCommunes2020().forEach(u -> unsigned.add(u.code()));
        List<DocPlan> docPlans = new ArrayList<>(docPlans(dd, prof, ddNonConf, ddConf,
                185_505, 170_000, 182_580, 120_000, ddReceived, Set.of(), 2020));
        docPlans.addAll(docPlans(coms, prof, bySize(98_000, coms), null,
                70_000, 64_854, 67_894, 37_030, comReceived, unsigned, 2020));
        docPlans.forEach(p -> documents(b, p));

        // Meetings: 120, three or four per department and district.
        int[] extra = Split.split(120 - 3L * dd.size(), null, weights(dd, null, (i, u, p) -> size(u)), ones(dd.size()));
        List<Meeting> meetings = new ArrayList<>();
        SplittableRandom r = random("meetings", 2020, "");
        for (int i = 0; i < dd.size(); i++) {
            Unit u = dd.get(i);
            Profile p = prof.get(units.local(u.code()));
            int m = 3 + extra[i];
            int reach = (int) Math.min(m, Math.round(m * p.reach()));
            for (int k = 0; k < m; k++) {
                meetings.add(meeting(r, u, k < reach));
            }
        }
        meetings.forEach(m -> meeting(b, m));
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    // ---------------------------------------------------------------- 2021

    private void year2021(Block b) {
        Map<String, Profile> prof = profiles(2021);
        List<Unit> deps = units.tier(Tier.DEPARTMENT);
        List<Unit> dists = units.tier(Tier.DISTRICT);
        List<Unit> coms = units.tier(Tier.COMMUNE);
        List<Unit> dd = concat(deps, dists);
        List<Unit> all = concat(dd, coms);

        // One-stop: 922,164 received, 513,922 online (55.73%); ~3% open at year end, ~2% late.
        int[] received = concat(concat(bySize(330_000, deps), bySize(330_000, dists)), bySize(262_164, coms));
        int[] open = Split.split(27_665, null, weights(all, null, (i, u, p) -> received[i]), half(received));
        int[] resolved = minus(received, open);
        int[] late = lateShares(Math.round(0.02 * (922_164 - 27_665)), all, prof, resolved);
        List<CasePlan> cases = casePlans(all, prof, received, open, late, null,
                513_922, Math.round(0.30 * 513_922), Math.round(0.04 * 922_164));
        cases.forEach(p -> cases(b, p));

        // Documents: 118,000 non-confidential issued, 112,395 of them signed = 95.25% exactly.
        int[] nonConf = concat(concat(bySize(50_000, deps), bySize(30_000, dists)), bySize(38_000, coms));
        int[] conf = concat(bySize(1_000, deps), new int[dists.size() + coms.size()]);
        int[] docsReceived = Split.split(180_000, weights(all, null,
                (i, u, p) -> size(u) * (u.tier() == Tier.COMMUNE ? 1 : u.tier() == Tier.DISTRICT ? 8 : 10)));
        docPlans(all, prof, nonConf, conf, 112_395, 88_500, 106_200, 70_800, docsReceived, Set.of(), 2021)
                .forEach(p -> documents(b, p));

        // Meetings: 520 with 3,120 endpoints and 260,000 participants; 312 (60%) reach the communes.
        int[] count = Split.split(520 - dd.size(), weights(dd, null, (i, u, p) -> size(u)));
        for (int i = 0; i < count.length; i++) {
            count[i]++;
        }
        int[] reach = Split.split(312, fixedShares(dd, prof, count, (i, u, p) -> p.reach()),
                weights(dd, prof, (i, u, p) -> count[i] * p.reach()), count);
        SplittableRandom r = random("meetings", 2021, "");
        List<Meeting> meetings = new ArrayList<>();
        for (int i = 0; i < dd.size(); i++) {
            for (int k = 0; k < count[i]; k++) {
                meetings.add(meeting(r, dd.get(i), k < reach[i]));
            }
        }
        int[] endpoints = Split.split(3_120 - meetings.size(), meetings.stream().mapToDouble(m -> m.endpoints()).toArray());
        int[] participants = Split.split(260_000, meetings.stream().mapToDouble(m -> m.participants()).toArray());
        for (int i = 0; i < meetings.size(); i++) {
            Meeting m = meetings.get(i);
            meeting(b, new Meeting(m.host(), m.lowest(), 1 + endpoints[i], participants[i]));
        }
    }

    // ---------------------------------------------------------------- 2022: Lâm Thao only

    private void year2022(Block b) {
        Unit district = units.get(units.code("H.LAMTHAO"));
        List<Unit> coms = units.communesOf(district.code());
        // District desk: 7,052 received, 6,322 online (89.64%).
        int dOpen = Math.round(0.02f * 7_052);
        cases(b, new CasePlan(district, 7_052, dOpen, Math.round(0.015f * (7_052 - dOpen)), 3_161, 6_322 - 3_161, 150, 0));
        // Its 12 communes: 12,493 received, 11,086 online (88.73%).
        int[] received = bySize(12_493, coms);
        int[] online = Split.split(11_086, null, weights(coms, null, (i, u, p) -> received[i] * (0.85 + 0.1 * size(u))), received);
        for (int i = 0; i < coms.size(); i++) {
            int open = Math.round(0.02f * received[i]);
            int l4 = Math.round(0.45f * online[i]);
            int postal = Math.min(received[i] - online[i], Math.round(0.02f * received[i]));
            cases(b, new CasePlan(coms.get(i), received[i], open, Math.round(0.015f * (received[i] - open)),
                    l4, online[i] - l4, postal, 0));
        }
        // The district issued 1,965 documents from 1 January to 24 November, 140 more afterwards.
        documents(b, new DocPlan(district, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 11, 24),
                1_950, 15, 1_862, 1_720, 1_901, 1_170, 4_000));
        documents(b, new DocPlan(district, LocalDate.of(2022, 11, 25), LocalDate.of(2022, 12, 31),
                138, 2, 133, 122, 135, 80, 300));
        for (Unit c : coms) {
            documents(b, new DocPlan(c, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 12, 31), 150, 0, 130, 115, 128, 60, 320));
        }
        // 24 online conferences hosted by the district, 14 reaching the communes.
        SplittableRandom r = random("meetings", 2022, "");
        for (int k = 0; k < 24; k++) {
            meeting(b, meeting(r, district, k < 14));
        }
    }

    // ---------------------------------------------------------------- current year

    /**
     * The current year up to yesterday, one day at a time with a per-day seed, so that a day's
     * events (and ids) stay the same when the demo is loaded again on a later day.
     */
    private void currentYear(Consumer<ObjectNode> out) {
        days(LocalDate.of(today.getYear(), 1, 1), today.minusDays(1), out);
    }

    /**
     * Everyday activity from {@code from} to {@code to} (never today or later), spread over the
     * units valid each day (SPEC 6: the old districts and communes until 30 June 2025, the new
     * communes from 1 July 2025), with a per-day seed: a day's events are the same whatever block
     * or run produces them, and independent of the random streams of the published years.
     */
    private void days(LocalDate from, LocalDate to, Consumer<ObjectNode> out) {
        LocalDate yesterday = to.isBefore(today) ? to : today.minusDays(1);
        List<Unit> all = List.of();
        List<Unit> hosts = List.of();
        double[] cumulative = new double[0];
        double sum = 0;
        for (LocalDate d = from; !d.isAfter(yesterday); d = d.plusDays(1)) {
            List<Unit> valid = units.validAt(d).stream().filter(u -> u.tier() != Tier.PROVINCE).toList();
            if (!valid.equals(all)) {
                all = valid;
                hosts = all.stream().filter(u -> u.tier() != Tier.COMMUNE).toList();
                cumulative = new double[all.size()];
                sum = 0;
                for (int i = 0; i < all.size(); i++) {
                    Unit u = all.get(i);
                    // A commune of 1 July 2025 is several old ones: about three times the work.
                    sum += size(u) * (u.tier() == Tier.COMMUNE ? (u.validFrom() != null ? 3 : 1) : 10);
                    cumulative[i] = sum;
                }
            }
            SplittableRandom r = new SplittableRandom(d.toEpochDay() * 1_000_003L);
            boolean workday = isWorkday(d);
            String day = d.format(DateTimeFormatter.BASIC_ISO_DATE);
            int cases = workday ? 220 + r.nextInt(60) : r.nextInt(30);
            for (int k = 0; k < cases; k++) {
                Unit u = all.get(pick(r, cumulative, sum));
                String id = idPrefix + "-mc-" + day + "-" + String.format("%05d", k);
                String caseId = last(u) + "-" + d.format(DateTimeFormatter.ofPattern("yyMMdd")) + "-" + String.format("%05d", k);
                double c = r.nextDouble();
                byte channel = c < 0.24 ? ONLINE4 : c < 0.60 ? ONLINE3 : c < 0.65 ? POSTAL : DIRECT;
                LocalTime at = time(r, 7 * 60 + 45, 16 * 60 + 30);
                LocalDate due = d.plusDays(3 + r.nextInt(13));
                out.accept(caseReceived(id, u, caseId, at(d, at), channel, due, r));
                double o = r.nextDouble();
                if (o < 0.04) {
                    continue; // still open
                }
                LocalDate resolvedOn = o < 0.07 ? due.plusDays(1 + r.nextInt(5)) : d.plusDays(r.nextInt((int) ChronoUnit.DAYS.between(d, due) + 1));
                LocalTime resolvedAt = resolvedOn.equals(d) ? at.plusMinutes(30 + r.nextInt(150)) : time(r, 8 * 60, 17 * 60);
                if (!resolvedOn.isAfter(yesterday)) {
                    // After the reform the case is resolved by the unit that took over, with its own code (SPEC 6).
                    Unit by = u.validTo() != null && resolvedOn.isAfter(u.validTo()) && u.successor() != null
                            ? units.get(u.successor()) : u;
                    out.accept(caseResolved(id + "-r", by, caseId, at(resolvedOn, resolvedAt), null));
                }
            }
            int documents = workday ? 110 + r.nextInt(30) : r.nextInt(10);
            for (int k = 0; k < documents; k++) {
                Unit u = all.get(pick(r, cumulative, sum));
                String id = idPrefix + "-vb-" + day + "-" + String.format("%05d", k);
                String documentId = last(u) + "/" + day + "/" + k;
                OffsetDateTime t = at(d, time(r, 7 * 60, 17 * 60 + 30));
                if (r.nextInt(100) < 45) {
                    boolean org = r.nextInt(100) < 95;
                    out.accept(documentIssued(id, u, documentId, t, r.nextInt(100) < 92, org,
                            org && r.nextInt(100) < 88, r.nextInt(100) == 0, org && r.nextInt(100) < 60));
                } else {
                    out.accept(documentReceived(id, u, documentId, t, r.nextInt(100) < 93, r.nextInt(100) < 85));
                }
            }
            if (workday && r.nextInt(100) < 64) {
                Unit host = hosts.get(r.nextInt(hosts.size()));
                Meeting m = meeting(r, host, r.nextInt(100) < 60);
                out.accept(meetingHeld(idPrefix + "-hn-" + day + "-001", host, "HN-" + last(host) + "-" + day,
                        at(d, time(r, 8 * 60, 15 * 60)), 30 + r.nextInt(150), m));
            }
        }
    }

    private static int pick(SplittableRandom r, double[] cumulative, double sum) {
        double x = r.nextDouble() * sum;
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    // ---------------------------------------------------------------- plans → events

    /** Ids and counters of one block (one year). */
    private static final class Block {
        final int year;
        final Consumer<ObjectNode> out;
        int caseSeq;
        int docSeq;
        int meetingSeq;

        Block(int year, Consumer<ObjectNode> out) {
            this.year = year;
            this.out = out;
        }
    }

    private String id(Block b, String kind, int seq) {
        return idPrefix + "-" + kind + "-" + b.year + "-" + String.format("%07d", seq);
    }

    /**
     * The cases of one unit and year. Outcomes and channels are shuffled over the cases so that
     * the counts are exact while dates look random. A few cases carry what real sources send:
     * a correction (a second case.received, later, with another id), a repeated event, a
     * resolution sent before its reception, and an extension (case.resolved with a later dueAt).
     */
    private void cases(Block b, CasePlan p) {
        Unit u = p.unit();
        int year = b.year;
        SplittableRandom r = random("cases", year, units.local(u.code()));
        byte[] outcome = shuffled(r, p.received(), p.open(), p.late());
        byte[] channel = shuffled(r, p.received(), p.online4(), p.online3(), p.postal());
        LocalDate dec31 = LocalDate.of(year, 12, 31);
        for (int i = 0; i < p.received(); i++) {
            String base = id(b, "mc", ++b.caseSeq);
            LocalDate received;
            LocalDate due;
            if (outcome[i] == OPEN) {
                received = workday(r, LocalDate.of(year, 12, 22), dec31);
                due = LocalDate.of(year + 1, 1, 2 + r.nextInt(15));
            } else {
                received = workday(r, LocalDate.of(year, 1, 2), LocalDate.of(year, 12, 10));
                due = received.plusDays(3 + r.nextInt(13));
            }
            LocalTime receivedAt = time(r, 7 * 60 + 45, 16 * 60 + 30);
            String caseId = caseId(u, received, i);
            List<ObjectNode> events = new ArrayList<>(4);
            if (i % 400 == 11) {
                // The source first sent it wrong (as a direct case due a day earlier), then corrected it.
                events.add(caseReceived(base, u, caseId, at(received, receivedAt.minusMinutes(15)), DIRECT, due.minusDays(1), r));
                events.add(caseReceived(base + "-c", u, caseId, at(received, receivedAt), channel[i], due, r));
            } else {
                events.add(caseReceived(base, u, caseId, at(received, receivedAt), channel[i], due, r));
            }
            if (i % 1000 == 17) {
                events.add(events.get(events.size() - 1).deepCopy()); // a retry: same id again
            }
            if (outcome[i] != OPEN) {
                LocalDate resolvedOn;
                LocalTime resolvedAt = time(r, 8 * 60, 17 * 60);
                LocalDate extendedTo = null;
                if (outcome[i] == LATE) {
                    resolvedOn = due.plusDays(1 + r.nextInt((int) Math.min(10, ChronoUnit.DAYS.between(due, dec31))));
                } else if (i % 200 == 3) {
                    resolvedOn = due.plusDays(1 + r.nextInt(2)); // after the first due date, within the extension
                    extendedTo = due.plusDays(3);
                } else if (r.nextInt(10) < 3) {
                    resolvedOn = due; // on the due date (đúng hạn), some of them late in the evening
                    if (r.nextInt(5) == 0) {
                        resolvedAt = time(r, 22 * 60, 23 * 60 + 59);
                    }
                } else {
                    resolvedOn = received.plusDays(r.nextInt((int) ChronoUnit.DAYS.between(received, due)));
                    if (resolvedOn.equals(received)) {
                        resolvedAt = receivedAt.plusMinutes(30 + r.nextInt(150));
                    }
                }
                ObjectNode resolved = caseResolved(base + "-r", u, caseId, at(resolvedOn, resolvedAt),
                        extendedTo == null ? null : at(extendedTo, LocalTime.of(17, 0)));
                if (i % 97 == 5) {
                    events.add(0, resolved); // arrives before its reception
                } else {
                    events.add(resolved);
                }
            }
            events.forEach(b.out);
        }
        // Cases received 10–20 December of the previous year, due and resolved on time in January.
        for (int i = 0; i < p.carryIn(); i++) {
            String base = id(b, "mc", ++b.caseSeq);
            LocalDate received = workday(r, LocalDate.of(year - 1, 12, 10), LocalDate.of(year - 1, 12, 20));
            LocalDate due = LocalDate.of(year, 1, 2 + r.nextInt(19));
            String caseId = caseId(u, received, p.received() + i);
            b.out.accept(caseReceived(base, u, caseId, at(received, time(r, 7 * 60 + 45, 16 * 60 + 30)), DIRECT, due, r));
            LocalDate resolvedOn = LocalDate.of(year, 1, 2 + r.nextInt(due.getDayOfMonth() - 1));
            b.out.accept(caseResolved(base + "-r", u, caseId, at(resolvedOn, time(r, 8 * 60, 17 * 60)), null));
        }
    }

    private void documents(Block b, DocPlan p) {
        Unit u = p.unit();
        SplittableRandom r = random("documents" + p.from(), b.year, units.local(u.code()));
        int[] signing = permutation(r, p.nonConfidential());
        int[] paperless = permutation(r, p.nonConfidential());
        for (int i = 0; i < p.nonConfidential() + p.confidential(); i++) {
            OffsetDateTime t = at(workday(r, p.from(), p.to()), time(r, 6 * 60 + 15, 17 * 60 + 30));
            String documentId = (i + 1) + "/" + last(u) + "/" + p.from().getYear() + "/" + p.from().getMonthValue();
            String id = id(b, "vb", ++b.docSeq);
            if (i < p.nonConfidential()) {
                int s = signing[i];
                b.out.accept(documentIssued(id, u, documentId, t, paperless[i] < p.electronic(), s < p.org(),
                        s < p.leader(), false, s < p.axis()));
            } else {
                b.out.accept(documentIssued(id, u, documentId, t, false, true, true, true, false));
            }
        }
        for (int i = 0; i < p.received(); i++) {
            OffsetDateTime t = at(workday(r, p.from(), p.to()), time(r, 7 * 60, 17 * 60 + 30));
            String documentId = "DEN-" + (i + 1) + "/" + last(u) + "/" + p.from().getYear() + "/" + p.from().getMonthValue();
            b.out.accept(documentReceived(id(b, "vb", ++b.docSeq), u, documentId, t, r.nextInt(100) < 92,
                    r.nextInt(100) < 81));
        }
    }

    /** A meeting's tier, endpoints and participants (endpoints and participants are rescaled in 2021). */
    static Meeting meeting(SplittableRandom r, Unit host, boolean reachesCommunes) {
        Tier lowest = reachesCommunes ? Tier.COMMUNE
                : host.tier() == Tier.DISTRICT || r.nextBoolean() ? Tier.DISTRICT : Tier.PROVINCE;
        int endpoints = switch (lowest) {
            case COMMUNE -> 8 + r.nextInt(10);
            case DISTRICT -> 3 + r.nextInt(4);
            default -> 1 + r.nextInt(2);
        };
        return new Meeting(host, lowest, endpoints, endpoints * (30 + r.nextInt(120)));
    }

    private void meeting(Block b, Meeting m) {
        SplittableRandom r = random("meeting", b.year, b.meetingSeq + "");
        int seq = ++b.meetingSeq;
        LocalDate d = b.year == 2022 ? workday(r, LocalDate.of(2022, 1, 3), LocalDate.of(2022, 12, 30))
                : workday(r, LocalDate.of(b.year, 1, 2), LocalDate.of(b.year, 12, 30));
        b.out.accept(meetingHeld(id(b, "hn", seq), m.host(), "HN-" + last(m.host()) + "-" + b.year + "-" + seq,
                at(d, time(r, 8 * 60, 15 * 60)), 30 + r.nextInt(150), m));
    }

    // ---------------------------------------------------------------- events

    private ObjectNode event(String id, String source, EventType type, OffsetDateTime time, Unit u, ObjectNode data) {
        ObjectNode e = JSON.objectNode();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", source);
        e.put("type", type.type);
        e.put("time", TIME.format(time));
        e.put("subject", u.code());
        e.put("datacontenttype", "application/json");
        e.set("data", data);
        return e;
    }

    ObjectNode caseReceived(String id, Unit u, String caseId, OffsetDateTime time, byte channel,
                                    LocalDate due, SplittableRandom r) {
        ObjectNode d = JSON.objectNode();
        d.put("caseId", caseId);
        d.put("channel", channel == DIRECT ? "DIRECT" : channel == POSTAL ? "POSTAL" : "ONLINE");
        if (channel == ONLINE3 || channel == ONLINE4) {
            d.put("onlineLevel", channel == ONLINE4 ? 4 : 3);
        }
        d.put("dueAt", TIME.format(at(due, LocalTime.of(17, 0))));
        d.put("procedureCode", "1.00" + (1000 + r.nextInt(9000)));
        return event(id, oneStop, EventType.CASE_RECEIVED, time, u, d);
    }

    ObjectNode caseResolved(String id, Unit u, String caseId, OffsetDateTime time, OffsetDateTime dueAt) {
        ObjectNode d = JSON.objectNode();
        d.put("caseId", caseId);
        if (dueAt != null) {
            d.put("dueAt", TIME.format(dueAt));
        }
        return event(id, oneStop, EventType.CASE_RESOLVED, time, u, d);
    }

    ObjectNode documentIssued(String id, Unit u, String documentId, OffsetDateTime time, boolean electronic,
                                      boolean org, boolean leader, boolean confidential, boolean axis) {
        ObjectNode d = JSON.objectNode();
        d.put("documentId", documentId);
        d.put("electronic", electronic);
        d.put("signedByOrganization", org);
        d.put("signedByLeader", leader);
        if (confidential) {
            d.put("confidential", true); // absent means false
        }
        d.put("viaNationalAxis", axis);
        return event(id, docs, EventType.DOCUMENT_ISSUED, time, u, d);
    }

    ObjectNode documentReceived(String id, Unit u, String documentId, OffsetDateTime time, boolean electronic,
                                        boolean processedOnline) {
        ObjectNode d = JSON.objectNode();
        d.put("documentId", documentId);
        d.put("electronic", electronic);
        d.put("processedOnline", processedOnline);
        return event(id, docs, EventType.DOCUMENT_RECEIVED, time, u, d);
    }

    ObjectNode meetingHeld(String id, Unit host, String meetingId, OffsetDateTime time, int duration, Meeting m) {
        ObjectNode d = JSON.objectNode();
        d.put("meetingId", meetingId);
        d.put("durationMinutes", duration);
        d.put("endpoints", m.endpoints());
        d.put("participants", m.participants());
        d.put("lowestTier", m.lowest().name());
        return event(id, vc, EventType.MEETING_HELD, time, host, d);
    }

    // ---------------------------------------------------------------- helpers

    String last(Unit u) {
        String code = u.code();
        return code.substring(code.lastIndexOf('.') + 1);
    }

    private String caseId(Unit u, LocalDate received, int i) {
        return last(u) + "-" + received.format(DateTimeFormatter.ofPattern("yyMMdd")) + "-" + String.format("%06d", i);
    }

    static OffsetDateTime at(LocalDate d, LocalTime t) {
        return OffsetDateTime.of(d, t, VN);
    }

    /** Seeds depend on the province structure only, so every province copy gets the same data. */
    private static SplittableRandom random(String what, int year, String key) {
        return new SplittableRandom((what + "/" + year + "/" + key).hashCode() * 0x9E3779B97F4A7C15L);
    }

    static LocalTime time(SplittableRandom r, int fromMinute, int toMinute) {
        int m = fromMinute + r.nextInt(toMinute - fromMinute + 1);
        return LocalTime.of(m / 60, m % 60, r.nextInt(60));
    }

    static boolean isWorkday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static LocalDate workday(SplittableRandom r, LocalDate from, LocalDate to) {
        int span = (int) ChronoUnit.DAYS.between(from, to) + 1;
        for (int tries = 0; tries < 20; tries++) {
            LocalDate d = from.plusDays(r.nextInt(span));
            if (isWorkday(d)) {
                return d;
            }
        }
        return from.plusDays(r.nextInt(span));
    }

    /** n codes: the first counts[0] are 1, the next counts[1] are 2, ..., the rest 0; shuffled. */
    private static byte[] shuffled(SplittableRandom r, int n, int... counts) {
        byte[] a = new byte[n];
        int k = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int j = 0; j < counts[c]; j++) {
                a[k++] = (byte) (c + 1);
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static int[] permutation(SplittableRandom r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
