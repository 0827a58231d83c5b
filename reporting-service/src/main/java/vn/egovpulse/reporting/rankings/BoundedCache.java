package vn.egovpulse.reporting.rankings;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A map bounded by entries and by a weight (bytes, units, ...), evicting the least recently used
 * entries first. Readers choose the keys (any period, any league), so an unbounded map would let
 * them fill the heap; least-recently-used keeps the leagues people keep reading (the live windows)
 * while a burst of one-off periods goes through. Synchronized: a hit is a map lookup, far cheaper
 * than anything else on the read path.
 */
final class BoundedCache<K, V> {
    private final int maxEntries;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(16, 0.75f, true); // access order = LRU
    private long weight;

    BoundedCache(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        V old = map.put(key, value);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        weight += weigher.applyAsLong(value);
        // Always keep the newest entry, even when it alone is over the weight bound.
        Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
        while ((map.size() > maxEntries || weight > maxWeight) && map.size() > 1) {
            weight -= weigher.applyAsLong(eldest.next().getValue());
            eldest.remove();
        }
    }

    synchronized int size() {
        return map.size();
    }

    synchronized long weight() {
        return weight;
    }
}
