package vn.egovpulse.reporting.rankings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The caches stay within their bounds and keep what is read again. */
class BoundedCacheTest {
    @Test
    void evictsTheLeastRecentlyUsedPastTheEntryBound() {
        BoundedCache<String, String> c = new BoundedCache<>(2, Long.MAX_VALUE, String::length);
        c.put("a", "1");
        c.put("b", "2");
        c.get("a"); // read again: b is now the least recently used
        c.put("c", "3");
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.get("a")).isEqualTo("1");
        assertThat(c.get("b")).isNull();
        assertThat(c.get("c")).isEqualTo("3");
    }

    @Test
    void staysWithinTheWeightBoundButKeepsTheNewestEntry() {
        BoundedCache<String, String> c = new BoundedCache<>(100, 10, String::length);
        c.put("a", "12345");
        c.put("b", "12345");
        assertThat(c.weight()).isEqualTo(10);
        c.put("c", "123");
        assertThat(c.get("a")).isNull();
        assertThat(c.weight()).isEqualTo(8);
        c.put("big", "123456789012");
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.get("big")).isEqualTo("123456789012");
        c.put("c", "1");
        assertThat(c.weight()).isEqualTo(1);
    }
}
