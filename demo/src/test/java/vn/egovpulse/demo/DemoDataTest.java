package vn.egovpulse.demo;

import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Calendar;
import vn.egovpulse.events.Counts;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Indicator;
import vn.egovpulse.events.Scorer;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Generates the demo data set and checks, with an independent reading of SPEC section 3
 * ({@link Reference}), that it reproduces every published figure of FACTS.md.
 */
class DemoDataTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final Instant NOW = TODAY.atTime(9, 0).atZone(Calendar.ZONE).toInstant();
    static final Units UNITS = Units.phuTho();

    record Result(Map<String, Map<String, Counts>> counts, long events, long duplicates, Reference ref, String digest,
                  long resolvedLateEvening) {
        Map<String, Counts> period(String name) {
            return counts.get(name);
        }
    }

    private static final Map<String, Result> RESULTS = new ConcurrentHashMap<>();

    static Result run(String block) {
        return RESULTS.computeIfAbsent(block, b -> generate(UNITS, TODAY, b));
    }

    static Result generate(Units units, LocalDate today, String block) {
        List<Reference.Period> periods = switch (block) {
            case "2022" -> List.of(Reference.Period.year(2022), new Reference.Period("2022-01-01..2022-11-24",
                    LocalDate.of(2022, 1, 1), LocalDate.of(2022, 11, 24), LocalDate.of(2022, 11, 24)));
            case "current" -> List.of(new Reference.Period("YTD", LocalDate.of(today.getYear(), 1, 1), today, today));
            default -> List.of(Reference.Period.year(Integer.parseInt(block)));
        };
        Set<String> codes = new HashSet<>();
        units.all().forEach(u -> codes.add(u.code()));
        Instant now = today.atTime(9, 0).atZone(Calendar.ZONE).toInstant();
        Reference ref = new Reference(codes, now, periods);
        MessageDigest digest = sha256();
        long[] lateEvening = {0};
        new DemoData(units, today).emit(block, e -> {
            digest.update(e.toString().getBytes(StandardCharsets.UTF_8));
            ref.accept(e);
            String time = e.get("time").asText();
            if (e.get("type").asText().endsWith("case.resolved") && time.endsWith("+07:00") && time.compareTo(time.substring(0, 11) + "22") > 0) {
                lateEvening[0]++;
            }
        });
        return new Result(ref.counts(), ref.events, ref.duplicates, ref, HexFormat.of().formatHex(digest.digest()),
                lateEvening[0]);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Counts sum(Map<String, Counts> counts, Predicate<Unit> which) {
        Counts total = Counts.ZERO;
        for (Unit u : UNITS.all()) {
            if (which.test(u) && counts.containsKey(u.code())) {
                total = total.plus(counts.get(u.code()));
            }
        }
        return total;
    }

    static Predicate<Unit> tier(Tier... tiers) {
        return u -> List.of(tiers).contains(u.tier());
    }

    static double percent(Indicator i) {
        return Math.round(i.value() * 10_000) / 100.0;
    }

    /** Lâm Thao's report cuts its percentages after two decimals (6,322 / 7,052 = 89.648 → "89.64%"). */
    static double truncatedPercent(Indicator i) {
        return Math.floor(i.value() * 10_000) / 100.0;
    }

    static void assertRate(Indicator i, long numerator, long denominator) {
        assertThat(i.numerator()).isEqualTo(numerator);
        assertThat(i.denominator()).isEqualTo(denominator);
    }

    /** The league of a tier, best first, scored with default-2026. */
    static List<Scorer.Ranked<String>> league(Map<String, Counts> counts, Tier tier) {
        List<Scorer.Candidate<String>> candidates = new ArrayList<>();
        for (Unit u : UNITS.tier(tier)) {
            Counts c = counts.getOrDefault(u.code(), Counts.ZERO);
            candidates.add(new Scorer.Candidate<>(u.code(), Scorer.score(c.indicators(), CriteriaSet.defaultSet()), u.code()));
        }
        List<Scorer.Ranked<String>> ranked = Scorer.rank(candidates);
        System.out.println(tier + " league:");
        ranked.forEach(r -> System.out.printf("  %2d %-16s %6.2f %s%n", r.rank(), r.candidate().code(),
                r.candidate().score().score(), r.candidate().score().points()));
        return ranked;
    }

    static List<String> codes(List<Scorer.Ranked<String>> league) {
        return league.stream().map(r -> r.candidate().code()).toList();
    }

    static double score(List<Scorer.Ranked<String>> league, int index) {
        return league.get(index).candidate().score().score();
    }

    /** Every unit of the league is ranked, and the places named in the published ranking are clear (≥ 0.5 points). */
    static void assertClearOrder(List<Scorer.Ranked<String>> league, int named, boolean lastNamed, int size) {
        assertThat(league).hasSize(size);
        for (int i = 0; i < named; i++) {
            assertThat(score(league, i) - score(league, i + 1)).as("margin after place %d", i + 1).isGreaterThanOrEqualTo(0.5);
        }
        if (lastNamed) {
            assertThat(score(league, size - 2) - score(league, size - 1)).as("margin before last").isGreaterThanOrEqualTo(0.5);
        }
    }

    // ------------------------------------------------------------------ units

    @Test
    void registryHasThePhuThoStructure() {
        assertThat(UNITS.all().get(0)).isEqualTo(new Unit("PTO", "Tỉnh Phú Thọ", Tier.PROVINCE, null));
        assertThat(UNITS.tier(Tier.DEPARTMENT)).hasSize(20);
        assertThat(UNITS.tier(Tier.DISTRICT)).hasSize(13);
        assertThat(UNITS.tier(Tier.COMMUNE)).hasSize(225);
        assertThat(UNITS.get("PTO.CT").name()).isEqualTo("Cục Thuế tỉnh Phú Thọ");
        assertThat(UNITS.get("PTO.H.THANHBA").name()).isEqualTo("UBND huyện Thanh Ba");
        assertThat(UNITS.get("PTO.H.VIETTRI").name()).isEqualTo("Thành phố Việt Trì");
        assertThat(UNITS.get("PTO.BCHQS").name()).isEqualTo("Bộ Chỉ huy quân sự tỉnh");
        assertThat(UNITS.communesOf("PTO.H.LAMTHAO")).hasSize(12).extracting(Unit::name)
                .contains("Xã Xuân Lũng", "Xã Tứ Xã", "Xã Sơn Vi", "Xã Phùng Nguyên", "Thị trấn Hùng Sơn");
        assertThat(UNITS.get("PTO.X.XUANLUNG").parent()).isEqualTo("PTO.H.LAMTHAO");
        Set<String> seen = new HashSet<>();
        for (Unit u : UNITS.all()) {
            assertThat(u.code()).matches(Unit.CODE);
            assertThat(u.name()).hasSizeBetween(1, 200);
            assertThat(seen.add(u.code())).as("unique %s", u.code()).isTrue();
            if (u.parent() != null) {
                assertThat(seen).as("parent of %s listed before it", u.code()).contains(u.parent());
                // SPEC 6: a commune of the two-tier structure is directly under the province.
                assertThat(UNITS.get(u.parent()).tier()).isEqualTo(u.validFrom() != null && u.tier() == Tier.COMMUNE
                        ? Tier.PROVINCE : u.tier().parentTier());
            }
        }
        assertThat(Units.of("P07").get("P07.H.THANHBA").parent()).isEqualTo("P07");
    }

    @Test
    void todaysStructureIsTwoTier() {
        LocalDate after = Units.REFORM;
        List<Unit> communes = UNITS.validAt(after).stream().filter(u -> u.tier() == Tier.COMMUNE).toList();
        assertThat(communes).hasSize(78).allSatisfy(u -> assertThat(u.parent()).isEqualTo("PTO"));
        assertThat(UNITS.validAt(after).stream().filter(u -> u.tier() == Tier.DISTRICT)).isEmpty();
        assertThat(UNITS.validAt(after).stream().filter(u -> u.tier() == Tier.PROVINCE).map(Unit::code)).containsExactly("PTO");
        // Every old commune, district and merged province has a successor valid the next day.
        for (Unit u : UNITS.all()) {
            if (u.validTo() != null) {
                assertThat(u.successor()).as(u.code()).isNotNull();
                assertThat(UNITS.get(u.successor()).validAt(u.validTo().plusDays(1))).as(u.code()).isTrue();
            }
        }
        assertThat(UNITS.get("PTO.X.XUANLUNG").successor()).isEqualTo("PTO.XA.XUANLUNG");
        assertThat(UNITS.get("PTO.XA.LAMTHAO").name()).isEqualTo("Xã Lâm Thao");
        assertThat(UNITS.get("VPC").successor()).isEqualTo("PTO");
        assertThat(UNITS.get("HBH.SYT").successor()).isEqualTo("PTO.SYT");
        assertThat(UNITS.get("VPC.X.TICHSON").successor()).isEqualTo("PTO.XA.VINHPHUC");
        assertThat(UNITS.get("PTO.STTTT").successor()).isEqualTo("PTO.SKHCN");
    }

    @Test
    void year2025UsesTheStructureOfEachDay() {
        List<String> errors = new ArrayList<>();
        long[] movedResolutions = {0};
        new DemoData(UNITS, TODAY).emit("2025", e -> {
            LocalDate day = java.time.OffsetDateTime.parse(e.get("time").asText()).atZoneSameInstant(Calendar.ZONE).toLocalDate();
            Unit u = UNITS.get(e.get("subject").asText());
            if (!u.validAt(day)) {
                errors.add(e.get("id").asText() + " " + u.code() + " " + day);
            }
            if (e.get("type").asText().endsWith("case.resolved") && u.validFrom() != null
                    && !e.get("data").get("caseId").asText().startsWith(u.code().substring(u.code().lastIndexOf('.') + 1))) {
                movedResolutions[0]++;
            }
        });
        assertThat(errors).isEmpty();
        assertThat(movedResolutions[0]).as("cases received before the reform, resolved under the new code").isPositive();
    }

    // ------------------------------------------------------------------ 2020

    @Test
    void figures2020() {
        Result r = run("2020");
        assertThat(r.ref().errors).isEmpty();
        assertThat(r.ref().latest).isBefore(NOW);
        assertThat(r.duplicates()).isPositive(); // the data set repeats a few events, as retries do
        Map<String, Counts> y = r.period("2020");
        Map<String, Indicator> province = sum(y, u -> true).indicators();
        assertThat(province.get("onestop.received").numerator()).isEqualTo(296_931);
        assertThat(province.get("onestop.resolved").numerator()).isEqualTo(291_384);
        assertRate(province.get("onestop.onTimeRate"), 293_566, 298_643);
        assertThat(percent(province.get("onestop.onTimeRate"))).isEqualTo(98.30);

        Map<String, Indicator> local = sum(y, tier(Tier.DISTRICT, Tier.COMMUNE)).indicators();
        assertThat(local.get("onestop.received").numerator()).isEqualTo(198_324);
        assertThat(local.get("onestop.resolved").numerator()).isEqualTo(191_065);
        assertThat(local.get("onestop.lateCount").numerator()).isEqualTo(4_077);
        assertThat(Math.round(191_065 * 10_000.0 / 198_324) / 100.0).isEqualTo(96.34);
        assertRate(local.get("onestop.onTimeRate"), 198_324 - 4_077, 198_324);
        assertThat(r.resolvedLateEvening()).as("resolved 22:00-23:59 local, on the due date: on time").isGreaterThan(1_000);
        Map<String, Indicator> deps = sum(y, tier(Tier.DEPARTMENT)).indicators();
        assertThat(deps.get("onestop.received").numerator()).isEqualTo(98_607);
        assertThat(deps.get("onestop.resolved").numerator()).isEqualTo(98_607 + 1_712);
        assertThat(deps.get("onestop.lateCount").numerator()).isEqualTo(1_000);

        double online = province.get("onestop.onlineRate").value();
        double postal = province.get("onestop.postalRate").value();
        assertThat(online).isCloseTo(0.25, within(0.005));
        assertThat(postal).isCloseTo(0.065, within(0.002));
        assertThat(online + postal).isGreaterThan(0.30);
        assertThat((double) province.get("onestop.fullOnlineRate").numerator() / province.get("onestop.onlineRate").numerator())
                .isCloseTo(0.40, within(0.005));

        assertThat(province.get("docs.issued").numerator() + province.get("docs.received").numerator()).isEqualTo(721_223);
        assertThat(province.get("docs.issued").numerator()).isEqualTo(300_000);
        assertRate(province.get("docs.orgSignedRate"), 255_505, 298_000);
        assertThat(percent(province.get("docs.orgSignedRate"))).isEqualTo(85.74);
        assertRate(province.get("docs.leaderSignedRate"), 234_854, 298_000);
        assertThat(percent(province.get("docs.leaderSignedRate"))).isEqualTo(78.81);
        assertRate(province.get("docs.signedRate"), 255_505, 298_000);
        assertRate(province.get("docs.axisRate"), 157_030, 298_000);
        Map<String, Indicator> dd = sum(y, tier(Tier.DEPARTMENT, Tier.DISTRICT)).indicators();
        assertRate(dd.get("docs.electronicRate"), 182_580, 200_000);
        assertThat(percent(dd.get("docs.electronicRate"))).isEqualTo(91.29);
        Map<String, Indicator> communes = sum(y, tier(Tier.COMMUNE)).indicators();
        assertRate(communes.get("docs.electronicRate"), 67_894, 98_000);
        assertThat(percent(communes.get("docs.electronicRate"))).isEqualTo(69.28);
        long signing = UNITS.tier(Tier.COMMUNE).stream()
                .filter(u -> y.containsKey(u.code()) && y.get(u.code()).signed() > 0).count();
        assertThat(signing).isEqualTo(207);
        assertThat(province.get("vc.meetings").numerator()).isEqualTo(120);
    }

    @Test
    void rankings2020() {
        Map<String, Counts> y = run("2020").period("2020");
        List<Scorer.Ranked<String>> deps = league(y, Tier.DEPARTMENT);
        assertThat(codes(deps)).startsWith("PTO.CT", "PTO.STTTT", "PTO.VPUBND").endsWith("PTO.BCHQS");
        assertClearOrder(deps, 3, true, 20);
        List<Scorer.Ranked<String>> dists = league(y, Tier.DISTRICT);
        assertThat(codes(dists).get(0)).isEqualTo("PTO.H.THANHBA");
        assertThat(codes(dists).get(2)).isEqualTo("PTO.H.THANHTHUY");
        assertThat(codes(dists)).endsWith("PTO.H.HAHOA");
        assertClearOrder(dists, 3, true, 13);
    }

    // ------------------------------------------------------------------ 2021

    @Test
    void figures2021() {
        Result r = run("2021");
        assertThat(r.ref().errors).isEmpty();
        assertThat(r.ref().latest).isBefore(NOW);
        Map<String, Counts> y = r.period("2021");
        Map<String, Indicator> province = sum(y, u -> true).indicators();
        assertRate(province.get("onestop.onlineRate"), 513_922, 922_164);
        assertThat(percent(province.get("onestop.onlineRate"))).isEqualTo(55.73);
        double resolvedShare = (double) province.get("onestop.resolved").numerator() / 922_164;
        assertThat(resolvedShare).isCloseTo(0.97, within(0.005));
        assertThat((double) province.get("onestop.lateCount").numerator() / province.get("onestop.resolved").numerator())
                .isCloseTo(0.02, within(0.002));
        assertThat(province.get("docs.issued").numerator()).isBetween(115_000L, 125_000L);
        assertRate(province.get("docs.signedRate"), 112_395, 118_000);
        assertThat(percent(province.get("docs.signedRate"))).isEqualTo(95.25);
        assertThat(province.get("vc.meetings").numerator()).isEqualTo(520);
        assertThat(province.get("vc.endpoints").numerator()).isEqualTo(3_120);
        assertThat(province.get("vc.participants").numerator()).isEqualTo(260_000);
        assertRate(province.get("vc.communeReachRate"), 312, 520);
    }

    @Test
    void rankings2021() {
        Map<String, Counts> y = run("2021").period("2021");
        List<Scorer.Ranked<String>> deps = league(y, Tier.DEPARTMENT);
        assertThat(codes(deps)).startsWith("PTO.CT", "PTO.STTTT", "PTO.VPUBND", "PTO.SYT", "PTO.STC");
        assertClearOrder(deps, 5, false, 20);
        List<Scorer.Ranked<String>> dists = league(y, Tier.DISTRICT);
        assertThat(codes(dists)).startsWith("PTO.H.PHUTHO", "PTO.H.TANSON", "PTO.H.TAMNONG", "PTO.H.YENLAP", "PTO.H.THANHBA");
        assertClearOrder(dists, 5, false, 13);
    }

    // ------------------------------------------------------------------ 2022

    @Test
    void lamThao2022() {
        Result r = run("2022");
        assertThat(r.ref().errors).isEmpty();
        assertThat(r.ref().latest).isBefore(NOW);
        Map<String, Counts> y = r.period("2022");
        assertThat(y.keySet()).allMatch(code -> code.equals("PTO.H.LAMTHAO") || UNITS.get(code).parent().equals("PTO.H.LAMTHAO"));
        Map<String, Indicator> district = y.get("PTO.H.LAMTHAO").indicators();
        assertRate(district.get("onestop.onlineRate"), 6_322, 7_052);
        assertThat(truncatedPercent(district.get("onestop.onlineRate"))).isEqualTo(89.64); // published truncated
        Map<String, Indicator> communes = sum(y, u -> "PTO.H.LAMTHAO".equals(u.parent())).indicators();
        assertRate(communes.get("onestop.onlineRate"), 11_086, 12_493);
        assertThat(truncatedPercent(communes.get("onestop.onlineRate"))).isEqualTo(88.73);
        assertThat(r.period("2022-01-01..2022-11-24").get("PTO.H.LAMTHAO").docsIssued()).isEqualTo(1_965);
        assertThat(y.get("PTO.H.LAMTHAO").docsIssued()).isGreaterThan(1_965);
        assertThat(district.get("vc.meetings").numerator()).isEqualTo(24);
        assertRate(district.get("vc.communeReachRate"), 14, 24);
    }

    // ------------------------------------------------------------------ current year, determinism, copies

    @Test
    void currentYearIsModestAndNeverInTheFuture() {
        Result r = run("current");
        assertThat(r.ref().errors).isEmpty();
        assertThat(r.ref().latest).isBefore(TODAY.atStartOfDay(Calendar.ZONE).toInstant());
        Counts ytd = sum(r.period("YTD"), u -> true);
        assertThat(ytd.casesReceived()).isBetween(50_000L, 70_000L);
        assertThat(ytd.docsIssued() + ytd.docsReceived()).isBetween(25_000L, 35_000L);
        assertThat(ytd.meetings()).isBetween(120L, 180L);
        assertThat(generate(UNITS, LocalDate.of(2027, 1, 1), "current").events()).isZero();
    }

    @Test
    void sameOutputEveryRun() {
        for (String block : List.of("2020", "2022", "current")) {
            assertThat(generate(UNITS, TODAY, block).digest()).as(block).isEqualTo(run(block).digest());
        }
        // A later day adds events but keeps the earlier days' ids and content.
        Set<String> before = new HashSet<>();
        new DemoData(UNITS, LocalDate.of(2026, 3, 1)).emit("current", e -> before.add(e.toString()));
        Set<String> after = new HashSet<>();
        new DemoData(UNITS, LocalDate.of(2026, 3, 10)).emit("current", e -> after.add(e.toString()));
        assertThat(after).containsAll(before);
        assertThat(after.size()).isGreaterThan(before.size());
    }

    @Test
    void provinceCopiesHaveTheSameData() {
        Units copy = Units.of("P03");
        Result original = run("2022");
        Result result = generate(copy, TODAY, "2022");
        assertThat(result.ref().errors).isEmpty();
        assertThat(result.events()).isEqualTo(original.events());
        Map<String, Counts> renamed = new HashMap<>();
        result.period("2022").forEach((code, c) -> renamed.put("PTO" + code.substring(3), c));
        assertThat(renamed).isEqualTo(original.period("2022"));
        List<String> sources = new ArrayList<>();
        new DemoData(copy, TODAY).emit("2022", e -> {
            if (sources.isEmpty()) {
                sources.add(e.get("source").asText());
                sources.add(e.get("id").asText());
            }
        });
        assertThat(sources.get(0)).isEqualTo("urn:egov:P03:one-stop");
        assertThat(sources.get(1)).startsWith("p03-mc-2022-");
    }
}
