package vn.egovpulse.scoring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Tier;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.scoring.criteria.Caller;
import vn.egovpulse.scoring.criteria.CriteriaService;

import java.util.ArrayList;
import java.util.List;

/** Criteria sets (bộ tiêu chí), SPEC section 4. Reading is public; changing needs the admin role. */
@Path("/api/v1/criteria")
@Produces(MediaType.APPLICATION_JSON)
public class CriteriaResource {

    /** A criteria set as the API shows it. */
    public record CriteriaSetDto(String id, int version, String name, List<GroupDto> groups,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<CriteriaSet.Band> bands, double maxPoints) {
        public static CriteriaSetDto of(CriteriaSet s) {
            return new CriteriaSetDto(s.id(), s.version(), s.name(),
                    s.groups().stream().map(GroupDto::of).toList(), s.bands(), s.maxPoints());
        }
    }

    public record GroupDto(String name, List<IndicatorDto> indicators) {
        static GroupDto of(CriteriaSet.Group g) {
            return new GroupDto(g.name(), g.indicators().stream()
                    .map(c -> new IndicatorDto(c.key(), c.maxPoints(), c.fullMarksAt(), c.whenNoData(), c.tiers()))
                    .toList());
        }
    }

    /**
     * Boxed numbers so that a missing one is told apart from zero. v2: {@code whenNoData} (default
     * NOT_APPLICABLE) and {@code tiers} (absent: every tier).
     */
    public record IndicatorDto(String key, Double maxPoints, Double fullMarksAt, CriteriaSet.WhenNoData whenNoData,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<Tier> tiers) {
    }

    /**
     * Body of a PUT; {@code id} and {@code version} in it, if any, are ignored (the path and the store decide).
     * v2: {@code bands}, highest first.
     */
    public record CriteriaSetRequest(String name, List<GroupDto> groups, List<CriteriaSet.Band> bands) {
    }

    private final CriteriaService criteria;
    private final ObjectMapper json;
    private final JsonWebToken token;

    public CriteriaResource(CriteriaService criteria, ObjectMapper json, JsonWebToken token) {
        this.criteria = criteria;
        this.json = json;
        this.token = token;
    }

    @GET
    @Operation(summary = "The current version of every criteria set")
    public Uni<List<CriteriaSetDto>> list() {
        return criteria.current().map(sets -> sets.stream().map(CriteriaSetDto::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One criteria set: the current version, or ?version=n")
    public Uni<CriteriaSetDto> get(@PathParam("id") String id, @QueryParam("version") Integer version) {
        return criteria.get(id, version).map(CriteriaSetDto::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Add a new version of a criteria set (admin); rankings re-score without re-sending events",
            description = "A set shared by every province (default-2026, and sets created by a national admin, "
                    + "group 'national') can be replaced only by a national admin: 403 otherwise. A province's "
                    + "admin creates sets of their province and replaces only those.")
    public Uni<CriteriaSetDto> put(@PathParam("id") String id, String text) {
        CriteriaSetRequest body = read(text);
        Object province = token.getClaim("province");
        Caller caller = new Caller(province instanceof String p ? p : null, token.getGroups().contains("national"));
        return criteria.put(id, body.name(), groups(body.groups()), body.bands(), caller).map(CriteriaSetDto::of);
    }

    /** Parsed here rather than by the framework so that a wrong type is refused naming its field. */
    private CriteriaSetRequest read(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("body", "a criteria set is required");
        }
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "malformed JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ProblemException.badRequest("body", "must be a JSON object");
        }
        try {
            return json.treeToValue(tree, CriteriaSetRequest.class);
        } catch (JsonMappingException e) {
            String field = path(e.getPath());
            throw ProblemException.badRequest(field.isEmpty() ? "body" : field, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", e.getOriginalMessage());
        }
    }

    /** Jackson's path as the field names validation uses: groups[0].indicators[1].maxPoints. */
    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** DTO → domain; a missing number becomes NaN, which validation reports under its field. */
    private static List<CriteriaSet.Group> groups(List<GroupDto> groups) {
        if (groups == null) {
            return null;
        }
        List<CriteriaSet.Group> out = new ArrayList<>(groups.size());
        for (GroupDto g : groups) {
            if (g == null) {
                out.add(null);
                continue;
            }
            List<CriteriaSet.Criterion> indicators = g.indicators() == null ? null : g.indicators().stream()
                    .map(i -> i == null ? null : new CriteriaSet.Criterion(i.key(),
                            i.maxPoints() == null ? Double.NaN : i.maxPoints(),
                            i.fullMarksAt() == null ? Double.NaN : i.fullMarksAt(), i.whenNoData(), i.tiers()))
                    .toList();
            out.add(new CriteriaSet.Group(g.name(), indicators));
        }
        return out;
    }
}
