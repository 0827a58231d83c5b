package vn.egovpulse.reporting.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.CriteriaSet;

import java.util.List;

/** Reads the criteria sets (bộ tiêu chí) scoring-service keeps; the highest version per id is current. */
@ApplicationScoped
public class CriteriaStore {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CriteriaStore.class);
    private static final TypeReference<List<CriteriaSet.Group>> GROUPS = new TypeReference<>() {
    };
    private static final TypeReference<List<CriteriaSet.Band>> BANDS = new TypeReference<>() {
    };

    /** The ids scoring-service accepts for a criteria set. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Pool pool;
    private final ObjectMapper json;
    private final DatabaseFailures failures;

    private final java.util.Map<String, CriteriaSet> currentById = new java.util.concurrent.ConcurrentHashMap<>();

    public CriteriaStore(Pool pool, ObjectMapper json, DatabaseFailures failures) {
        this.pool = pool;
        this.json = json;
        this.failures = failures;
    }

    public Uni<List<CriteriaSet>> current() {
        return pool.query("SELECT DISTINCT ON (id) id, version, name, groups::text AS groups, bands::text AS bands"
                        + " FROM scoring.criteria_set ORDER BY id, version DESC").execute()
                .onFailure().transform(failures::map)
                .map(rows -> {
                    List<CriteriaSet> out = new java.util.ArrayList<>();
                    rows.forEach(r -> {
                        try {
                            out.add(toSet(r));
                        } catch (IllegalStateException e) {
                            // one bad row must not hide the other sets
                            LOG.warn(e.getMessage());
                        }
                    });
                    return out;
                });
    }

    /**
     * The current version of set {@code id}, or null when there is no such set. Known sets are
     * kept in memory until a criteria notice says a new version exists ({@link #forget}).
     */
    public Uni<CriteriaSet> current(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            // Cannot exist (scoring-service refuses such ids), and PostgreSQL refuses some of them
            // (a NUL character) with an error: answer "no such set" without asking.
            return Uni.createFrom().nullItem();
        }
        CriteriaSet known = currentById.get(id);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return pool.preparedQuery("SELECT id, version, name, groups::text AS groups, bands::text AS bands FROM scoring.criteria_set"
                        + " WHERE id = $1 ORDER BY version DESC LIMIT 1").execute(Tuple.of(id))
                .onFailure().transform(failures::map)
                .map(rows -> rows.size() == 0 ? null : toSet(rows.iterator().next()))
                .invoke(set -> {
                    if (set != null) {
                        currentById.put(id, set);
                    }
                });
    }

    /** A new version of {@code id} exists (null: of any set). */
    public void forget(String id) {
        if (id == null) {
            currentById.clear();
        } else {
            currentById.remove(id);
        }
    }

    private CriteriaSet toSet(Row r) {
        try {
            return new CriteriaSet(r.getString("id"), r.getInteger("version"), r.getString("name"),
                    json.readValue(r.getString("groups"), GROUPS),
                    r.getString("bands") == null ? null : json.readValue(r.getString("bands"), BANDS));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable criteria set " + r.getString("id"), e);
        }
    }
}
