package vn.egovpulse.demo;

import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The unit registry of Phú Thọ (or of a copy of it under another province code, for the
 * scaled benchmarks): the province, 20 departments, 13 districts and 225 communes. Codes are
 * built from the province code, so {@code of("P01")} has {@code P01.H.THANHBA}.
 */
public final class Units {

    public static final String PHU_THO = "PTO";

    /** Departments (sở, ban, ngành): code suffix and name. */
    static final String[][] DEPARTMENTS = {
            {"CT", "Cục Thuế tỉnh Phú Thọ"},
            {"STTTT", "Sở Thông tin và Truyền thông"},
            {"VPUBND", "Văn phòng UBND tỉnh"},
            {"SYT", "Sở Y tế"},
            {"STC", "Sở Tài chính"},
            {"STP", "Sở Tư pháp"},
            {"SLDTBXH", "Sở Lao động - Thương binh và Xã hội"},
            {"STNMT", "Sở Tài nguyên và Môi trường"},
            {"SGTVT", "Sở Giao thông Vận tải"},
            {"SCT", "Sở Công Thương"},
            {"BCHQS", "Bộ Chỉ huy quân sự tỉnh"},
            {"SKHDT", "Sở Kế hoạch và Đầu tư"},
            {"SXD", "Sở Xây dựng"},
            {"SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"},
            {"SGDDT", "Sở Giáo dục và Đào tạo"},
            {"SNV", "Sở Nội vụ"},
            {"SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"},
            {"SKHCN", "Sở Khoa học và Công nghệ"},
            {"TTT", "Thanh tra tỉnh"},
            {"BDT", "Ban Dân tộc tỉnh"},
    };

    /** Districts (huyện / thành phố / thị xã): code suffix, name, number of communes, real commune names. */
    private record District(String suffix, String name, int communes, List<String> known) {
    }

    private static final List<District> DISTRICTS = List.of(
            new District("VIETTRI", "Thành phố Việt Trì", 23, List.of("Phường Tiên Cát", "Phường Gia Cẩm",
                    "Phường Nông Trang", "Phường Tân Dân", "Phường Thanh Miếu", "Phường Bạch Hạc", "Phường Bến Gót",
                    "Phường Dữu Lâu", "Phường Minh Nông", "Phường Minh Phương", "Phường Thọ Sơn", "Phường Vân Phú",
                    "Phường Vân Cơ", "Xã Thụy Vân", "Xã Trưng Vương", "Xã Sông Lô", "Xã Hùng Lô", "Xã Kim Đức",
                    "Xã Phượng Lâu", "Xã Chu Hóa", "Xã Thanh Đình", "Xã Hy Cương", "Xã Tân Đức")),
            new District("PHUTHO", "Thị xã Phú Thọ", 10, List.of("Phường Âu Cơ", "Phường Phong Châu",
                    "Phường Hùng Vương", "Phường Trường Thịnh", "Phường Thanh Vinh", "Xã Hà Lộc", "Xã Phú Hộ",
                    "Xã Hà Thạch", "Xã Thanh Minh", "Xã Văn Lung")),
            new District("THANHBA", "UBND huyện Thanh Ba", 20, List.of("Thị trấn Thanh Ba", "Xã Đông Lĩnh",
                    "Xã Vũ Yển", "Xã Yển Khê", "Xã Ninh Dân")),
            new District("LAMTHAO", "UBND huyện Lâm Thao", 12, List.of("Thị trấn Lâm Thao", "Thị trấn Hùng Sơn",
                    "Xã Xuân Lũng", "Xã Tứ Xã", "Xã Sơn Vi", "Xã Phùng Nguyên", "Xã Cao Xá", "Xã Vĩnh Lại",
                    "Xã Tiên Kiên", "Xã Bản Nguyên", "Xã Thạch Sơn", "Xã Xuân Huy")),
            new District("HAHOA", "UBND huyện Hạ Hòa", 20, List.of("Thị trấn Hạ Hòa", "Xã Ấm Hạ", "Xã Gia Điền")),
            new District("CAMKHE", "UBND huyện Cẩm Khê", 24, List.of("Thị trấn Cẩm Khê", "Xã Phùng Xá",
                    "Xã Tạ Xá")),
            new District("DOANHUNG", "UBND huyện Đoan Hùng", 21, List.of("Thị trấn Đoan Hùng", "Xã Chí Đám",
                    "Xã Bằng Luân")),
            new District("YENLAP", "UBND huyện Yên Lập", 16, List.of("Thị trấn Yên Lập", "Xã Mỹ Lung",
                    "Xã Xuân Viên")),
            new District("THANHSON", "UBND huyện Thanh Sơn", 22, List.of("Thị trấn Thanh Sơn", "Xã Tất Thắng",
                    "Xã Võ Miếu")),
            new District("TANSON", "UBND huyện Tân Sơn", 17, List.of("Xã Tân Phú", "Xã Kiệt Sơn", "Xã Thu Cúc")),
            new District("TAMNONG", "UBND huyện Tam Nông", 12, List.of("Thị trấn Hưng Hóa", "Xã Dị Nậu",
                    "Xã Thọ Văn")),
            new District("THANHTHUY", "UBND huyện Thanh Thủy", 11, List.of("Thị trấn Thanh Thủy", "Xã Đào Xá",
                    "Xã Bảo Yên")),
            new District("PHUNINH", "UBND huyện Phù Ninh", 17, List.of("Xã Tử Đà", "Xã Trị Quận",
                    "Xã Phú Lộc")));

    // Syllables for the generated commune names (the rest of the 225).
    private static final String[] FIRST = {"Hương", "Phú", "Thanh", "Minh", "Đồng", "Tiên", "Văn", "Hà", "Bình",
            "An", "Phong", "Vĩnh", "Xuân", "Tân", "Hồng", "Đại", "Kim", "Quang", "Trung", "Yên", "Hiền", "Lương",
            "Cát", "Thượng", "Phương", "Ngọc", "Hòa", "Tam", "Chí", "Đào", "Vân", "Lạc", "Mỹ", "Hữu", "Tuy"};
    private static final String[] SECOND = {"Lộc", "Sơn", "Lĩnh", "Hòa", "Xá", "Khê", "Thịnh", "Tiến", "Lâm",
            "Cường", "Long", "Hưng", "Nguyên", "Thành", "Đức", "Lợi", "Quan", "Kiệt", "Hội", "Dương", "Lập",
            "Phong", "Trạch", "Luận", "Nghĩa", "Khang", "Thuận", "Mai", "Tráng", "Cương"};

    // ---------------------------------------------------------------- two-tier local government (SPEC 6)

    /** The day the districts were abolished and the merged communes and provinces began. */
    public static final java.time.LocalDate REFORM = java.time.LocalDate.of(2025, 7, 1);
    static final java.time.LocalDate LAST_OLD_DAY = REFORM.minusDays(1);

    /**
     * Lâm Thao's four communes of 1 July 2025 (real names; which old commune went where is
     * simplified to our twelve demo communes, three each). Other districts: see {@link #newCommunes}.
     */
    private static final Map<String, List<String>> LAMTHAO_2025 = Map.of(
            "Xã Lâm Thao", List.of("Thị trấn Lâm Thao", "Xã Tiên Kiên", "Xã Thạch Sơn"),
            "Xã Xuân Lũng", List.of("Xã Xuân Lũng", "Xã Xuân Huy", "Xã Cao Xá"),
            "Xã Phùng Nguyên", List.of("Xã Phùng Nguyên", "Thị trấn Hùng Sơn", "Xã Tứ Xã"),
            "Xã Bản Nguyên", List.of("Xã Bản Nguyên", "Xã Vĩnh Lại", "Xã Sơn Vi"));

    /**
     * The provinces merged into Phú Thọ on 1 July 2025, each with a small part of its structure
     * (a department, a city and three wards) so that their history flows into today's units:
     * code, name, department successor, city code and name, wards, the ward of today they merged into.
     */
    private record MergedProvince(String code, String name, String city, String cityName, List<String> wards,
                                  String newWard) {
    }

    private static final List<MergedProvince> MERGED = List.of(
            new MergedProvince("VPC", "Tỉnh Vĩnh Phúc", "VINHYEN", "Thành phố Vĩnh Yên",
                    List.of("Phường Tích Sơn", "Phường Liên Bảo", "Phường Đống Đa"), "Phường Vĩnh Phúc"),
            new MergedProvince("HBH", "Tỉnh Hòa Bình", "HOABINH", "Thành phố Hòa Bình",
                    List.of("Phường Phương Lâm", "Phường Đồng Tiến", "Phường Tân Thịnh"), "Phường Hòa Bình"));

    /** Departments of the merged provinces: suffix and name pattern; they merged into Phú Thọ's department of the same suffix. */
    private static final String[][] MERGED_DEPARTMENTS = {{"SYT", "Sở Y tế %s"}, {"STC", "Sở Tài chính %s"}};

    private final String province;
    private final List<Unit> all;
    /** The structure of 2020–2022 that the published figures are about (the old blocks plan over it). */
    private final List<Unit> old;
    private final Map<String, Unit> byCode = new LinkedHashMap<>();

    private Units(String province, List<Unit> all, List<Unit> old) {
        this.province = province;
        this.all = List.copyOf(all);
        this.old = List.copyOf(old);
        for (Unit u : all) {
            byCode.put(u.code(), u);
        }
    }

    /** Phú Thọ itself. */
    public static Units phuTho() {
        return of(PHU_THO);
    }

    /** The Phú Thọ structure under {@code province} (PTO, or P01, P02, ... for the scaled copies). */
    public static Units of(String province) {
        List<Unit> units = new ArrayList<>();
        String provinceName = PHU_THO.equals(province) ? "Tỉnh Phú Thọ" : "Tỉnh Phú Thọ (bản sao " + province + ")";
        units.add(new Unit(province, provinceName, Tier.PROVINCE, null));
        for (String[] d : DEPARTMENTS) {
            units.add(new Unit(province + "." + d[0], d[1], Tier.DEPARTMENT, province));
        }
        for (District d : DISTRICTS) {
            units.add(new Unit(province + ".H." + d.suffix(), d.name(), Tier.DISTRICT, province));
        }
        // Commune names are fixed (seeded), so every run and every copy has the same communes.
        Random random = new Random(225);
        Set<String> codes = new HashSet<>();
        Set<String> reserved = new HashSet<>();
        DISTRICTS.forEach(d -> d.known().forEach(n -> reserved.add(ascii(n))));
        for (District d : DISTRICTS) {
            String parent = province + ".H." + d.suffix();
            List<String> names = new ArrayList<>(d.known());
            while (names.size() < d.communes()) {
                String candidate = "Xã " + FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)];
                if (!reserved.contains(ascii(candidate)) && !codes.contains(ascii(candidate))
                        && !names.stream().map(Units::ascii).toList().contains(ascii(candidate))) {
                    names.add(candidate);
                }
            }
            for (String name : names) {
                String key = ascii(name);
                if (!codes.add(key)) {
                    throw new IllegalStateException("duplicate commune code " + key);
                }
                units.add(new Unit(province + ".X." + key, name, Tier.COMMUNE, parent));
            }
        }
        return restructured(province, units);
    }

    /**
     * SPEC 6 on the old structure {@code old} (unchanged for the old periods): from 1 July 2025 the
     * districts are abolished (their successor is the province: their remaining work went to the
     * province and the new communes, and their history must not vanish from the province's totals),
     * the communes of each district merge, a few at a time, into new communes directly under the
     * province, Sở Thông tin và Truyền thông merged into Sở Khoa học và Công nghệ (1 March 2025),
     * and (Phú Thọ itself only) Vĩnh Phúc and Hòa Bình merge into Phú Thọ.
     */
    private static Units restructured(String province, List<Unit> old) {
        List<Unit> all = new ArrayList<>();
        Map<String, String> successors = new LinkedHashMap<>();
        List<Unit> added = new ArrayList<>();
        for (District d : DISTRICTS) {
            String parent = province + ".H." + d.suffix();
            List<Unit> communes = old.stream().filter(u -> parent.equals(u.parent())).toList();
            newCommunes(province, d, communes).forEach((fresh, merged) -> {
                added.add(fresh);
                merged.forEach(m -> successors.put(m.code(), fresh.code()));
            });
            successors.put(parent, province);
        }
        successors.put(province + ".STTTT", province + ".SKHCN");
        for (Unit u : old) {
            String successor = successors.get(u.code());
            if (successor == null) {
                all.add(u);
            } else {
                java.time.LocalDate to = u.code().endsWith(".STTTT") ? java.time.LocalDate.of(2025, 2, 28) : LAST_OLD_DAY;
                all.add(new Unit(u.code(), u.name(), u.tier(), u.parent(), null, to, null, successor));
            }
        }
        if (PHU_THO.equals(province)) {
            for (MergedProvince m : MERGED) {
                Unit ward = new Unit(province + ".XA." + ascii(m.newWard()), m.newWard(), Tier.COMMUNE, province,
                        REFORM, null, null, null);
                added.add(ward);
                String shortName = m.name().replaceFirst("^Tỉnh ", "tỉnh ");
                all.add(new Unit(m.code(), m.name(), Tier.PROVINCE, null, null, LAST_OLD_DAY, null, province));
                for (String[] dep : MERGED_DEPARTMENTS) {
                    all.add(new Unit(m.code() + "." + dep[0], dep[1].formatted(shortName), Tier.DEPARTMENT, m.code(),
                            null, LAST_OLD_DAY, null, province + "." + dep[0]));
                }
                String city = m.code() + ".H." + m.city();
                all.add(new Unit(city, m.cityName(), Tier.DISTRICT, m.code(), null, LAST_OLD_DAY, null, province));
                for (String w : m.wards()) {
                    all.add(new Unit(m.code() + ".X." + ascii(w), w, Tier.COMMUNE, city, null, LAST_OLD_DAY, null,
                            ward.code()));
                }
            }
        }
        // The new communes come right after the province in the list (parents before children).
        all.addAll(1, added);
        return new Units(province, all, old);
    }

    /**
     * The communes of 1 July 2025 made from one district's communes: Lâm Thao's real four; in the
     * other districts the communes are merged three at a time in list order (the last group takes
     * one more or is a pair) and the new commune is named after the first of them (made up).
     */
    private static Map<Unit, List<Unit>> newCommunes(String province, District d, List<Unit> communes) {
        Map<Unit, List<Unit>> out = new LinkedHashMap<>();
        if (d.suffix().equals("LAMTHAO")) {
            LAMTHAO_2025.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(
                    newCommune(province, e.getKey()),
                    communes.stream().filter(c -> e.getValue().contains(c.name())).toList()));
            return out;
        }
        List<List<Unit>> groups = new ArrayList<>();
        for (int i = 0; i < communes.size(); i += 3) {
            groups.add(new ArrayList<>(communes.subList(i, Math.min(communes.size(), i + 3))));
        }
        List<Unit> last = groups.get(groups.size() - 1);
        if (last.size() == 1 && groups.size() > 1) {
            groups.remove(groups.size() - 1);
            groups.get(groups.size() - 1).addAll(last);
        }
        for (List<Unit> g : groups) {
            out.put(newCommune(province, g.get(0).name()), g);
        }
        return out;
    }

    private static Unit newCommune(String province, String name) {
        // Towns (thị trấn) no longer exist: a new unit is a commune (xã) or a ward (phường).
        String newName = name.replaceFirst("^Thị trấn ", "Xã ");
        return new Unit(province + ".XA." + ascii(newName), newName, Tier.COMMUNE, province, REFORM, null, null, null);
    }

    /** The ASCII code part of a commune name: "Thị trấn Hùng Sơn" → "HUNGSON". */
    static String ascii(String name) {
        String bare = name.replaceFirst("^(Xã|Phường|Thị trấn) ", "");
        String folded = Normalizer.normalize(bare, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('Đ', 'D').replace('đ', 'd');
        return folded.toUpperCase().replaceAll("[^A-Z0-9]", "");
    }

    public String province() {
        return province;
    }

    /**
     * Every unit ever registered: the province, the communes of 1 July 2025, then the old
     * departments, districts and communes (with their validity and successor), then the merged
     * provinces' units. Parents always before children.
     */
    public List<Unit> all() {
        return all;
    }

    /** The units valid on {@code day}, in the order of {@link #all()}. */
    public List<Unit> validAt(java.time.LocalDate day) {
        return all.stream().filter(u -> u.validAt(day)).toList();
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public Unit get(String code) {
        return byCode.get(code);
    }

    /** The units of one tier in the structure of 2020–2022 (the published figures' structure). */
    public List<Unit> tier(Tier tier) {
        return old.stream().filter(u -> u.tier() == tier).toList();
    }

    /** The communes of a district of 2020–2022. */
    public List<Unit> communesOf(String district) {
        return old.stream().filter(u -> district.equals(u.parent()) && u.tier() == Tier.COMMUNE).toList();
    }

    /** The unit code without the province prefix: "PTO.H.THANHBA" → "H.THANHBA" (a merged province's unit: its code). */
    public String local(String code) {
        return code.startsWith(province + ".") ? code.substring(province.length() + 1) : code;
    }

    /** The unit's code under this province for a Phú Thọ local code: "H.THANHBA" → "P01.H.THANHBA". */
    public String code(String local) {
        return province + "." + local;
    }
}
