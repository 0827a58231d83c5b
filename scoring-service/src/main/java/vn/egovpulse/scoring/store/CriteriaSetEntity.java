package vn.egovpulse.scoring.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** One version of a criteria set (bộ tiêu chí), a row of scoring.criteria_set. */
@Entity
@Table(name = "criteria_set", schema = "scoring")
@IdClass(CriteriaSetEntity.Key.class)
public class CriteriaSetEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Id
    public int version;

    public String name;

    /**
     * The groups as JSON text; mapped to and from the domain record by CriteriaStore. Read and
     * written through text casts: Hibernate Reactive's JSON type only handles JSON objects (this
     * column holds an array), and the reactive driver would send a String bound to jsonb as a
     * JSON string value.
     */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(read = "groups::text", write = "?::text::jsonb")
    public String groups;

    /** v2 (SPEC 7.3): the bands as JSON text, highest first; null for a set without bands. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(read = "bands::text", write = "?::text::jsonb")
    public String bands;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The province whose admins may replace the set; null for a set shared by every province. */
    @Column(name = "owner_province")
    public String ownerProvince;

    /** The composite primary key (id, version). */
    public static class Key implements Serializable {
        public String id;
        public int version;

        public Key() {
        }

        public Key(String id, int version) {
            this.id = id;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.id, id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, version);
        }
    }
}
