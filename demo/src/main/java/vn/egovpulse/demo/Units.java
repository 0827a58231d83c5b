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

    private final String province;
    private final List<Unit> all;
    private final Map<String, Unit> byCode = new LinkedHashMap<>();

    private Units(String province, List<Unit> all) {
        this.province = province;
        this.all = List.copyOf(all);
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
        return new Units(province, units);
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

    /** Province first, then departments, districts, communes: parents always before children. */
    public List<Unit> all() {
        return all;
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    public Unit get(String code) {
        return byCode.get(code);
    }

    public List<Unit> tier(Tier tier) {
        return all.stream().filter(u -> u.tier() == tier).toList();
    }

    public List<Unit> communesOf(String district) {
        return all.stream().filter(u -> district.equals(u.parent()) && u.tier() == Tier.COMMUNE).toList();
    }

    /** The unit code without the province prefix: "PTO.H.THANHBA" → "H.THANHBA". */
    public String local(String code) {
        return code.substring(province.length() + 1);
    }

    /** The unit's code under this province for a Phú Thọ local code: "H.THANHBA" → "P01.H.THANHBA". */
    public String code(String local) {
        return province + "." + local;
    }
}
