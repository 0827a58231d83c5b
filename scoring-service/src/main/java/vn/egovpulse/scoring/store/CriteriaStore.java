package vn.egovpulse.scoring.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.scoring.criteria.Caller;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Criteria sets in scoring.criteria_set: every PUT adds version max+1, the highest version is
 * the current one. Not on the hot path, hence Hibernate Reactive with Panache.
 */
@ApplicationScoped
public class CriteriaStore implements PanacheRepositoryBase<CriteriaSetEntity, CriteriaSetEntity.Key> {
    private static final TypeReference<List<CriteriaSet.Group>> GROUPS = new TypeReference<>() {
    };

    private static final TypeReference<List<CriteriaSet.Band>> BANDS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public CriteriaStore(ObjectMapper json) {
        this.json = json;
    }

    /** The current (highest) version of every set, by id. */
    public Uni<List<CriteriaSet>> currentAll() {
        return Panache.withSession(() -> find("""
                        from CriteriaSetEntity c
                        where c.version = (select max(o.version) from CriteriaSetEntity o where o.id = c.id)
                        order by c.id""").list())
                .map(list -> list.stream().map(this::toDomain).toList());
    }

    /** The given version, or the current one when {@code version} is null; null if there is none. */
    public Uni<CriteriaSet> byId(String id, Integer version) {
        return Panache.withSession(() -> version == null ? latest(id) : findById(new CriteriaSetEntity.Key(id, version)))
                .map(e -> e == null ? null : toDomain(e));
    }

    private Uni<CriteriaSetEntity> latest(String id) {
        return find("id = ?1 order by version desc", id).firstResult();
    }

    /**
     * Stores the next version of {@code id} and returns it with that version, in one transaction
     * with the check that {@code caller} may do so. A new set belongs to the caller's province (or
     * is shared, for a national admin); a new version keeps the owner of the set.
     */
    public Uni<CriteriaSet> addVersion(String id, String name, List<CriteriaSet.Group> groups, List<CriteriaSet.Band> bands,
                                       Caller caller) {
        return Panache.withTransaction(() -> latest(id)
                .chain(current -> {
                    if (current != null) {
                        caller.checkMayReplace(id, current.ownerProvince);
                    }
                    CriteriaSetEntity e = new CriteriaSetEntity();
                    e.ownerProvince = current == null ? caller.ownerOfNewSet() : current.ownerProvince;
                    e.id = id;
                    e.version = current == null ? 1 : current.version + 1;
                    e.name = name;
                    e.groups = write(groups);
                    e.bands = bands == null ? null : write(bands);
                    e.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                    // The change notice commits with the version: a PUT answered 200 is announced
                    // (notice/NoticeOutbox), one that failed announces nothing.
                    return persistAndFlush(e).call(stored -> Panache.getSession().chain(s -> s.createNativeQuery(
                                    "INSERT INTO scoring.notice_outbox (criteria, version) VALUES (?1, ?2)")
                            .setParameter(1, stored.id).setParameter(2, stored.version).executeUpdate()));
                })).map(this::toDomain);
    }

    private CriteriaSet toDomain(CriteriaSetEntity e) {
        try {
            return new CriteriaSet(e.id, e.version, e.name, json.readValue(e.groups, GROUPS),
                    e.bands == null ? null : json.readValue(e.bands, BANDS));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("criteria set " + e.id + " v" + e.version + " has unreadable groups", ex);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
