package vn.egovpulse.scoring.rest;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.scoring.criteria.CriteriaService;

import java.util.ArrayList;
import java.util.List;

/** Criteria sets (bộ tiêu chí), SPEC section 4. Reading is public; changing needs the admin role. */
@Path("/api/v1/criteria")
@Produces(MediaType.APPLICATION_JSON)
public class CriteriaResource {

    /** A criteria set as the API shows it. */
    public record CriteriaSetDto(String id, int version, String name, List<GroupDto> groups, double maxPoints) {
        static CriteriaSetDto of(CriteriaSet s) {
            return new CriteriaSetDto(s.id(), s.version(), s.name(),
                    s.groups().stream().map(GroupDto::of).toList(), s.maxPoints());
        }
    }

    public record GroupDto(String name, List<IndicatorDto> indicators) {
        static GroupDto of(CriteriaSet.Group g) {
            return new GroupDto(g.name(), g.indicators().stream()
                    .map(c -> new IndicatorDto(c.key(), c.maxPoints(), c.fullMarksAt())).toList());
        }
    }

    /** Boxed numbers so that a missing one is told apart from zero. */
    public record IndicatorDto(String key, Double maxPoints, Double fullMarksAt) {
    }

    /** Body of a PUT; {@code id} and {@code version} in it, if any, are ignored (the path and the store decide). */
    public record CriteriaSetRequest(String name, List<GroupDto> groups) {
    }

    private final CriteriaService criteria;

    public CriteriaResource(CriteriaService criteria) {
        this.criteria = criteria;
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
    @Operation(summary = "Add a new version of a criteria set (admin); rankings re-score without re-sending events")
    public Uni<CriteriaSetDto> put(@PathParam("id") String id, CriteriaSetRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a criteria set is required");
        }
        return criteria.put(id, body.name(), groups(body.groups())).map(CriteriaSetDto::of);
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
                            i.fullMarksAt() == null ? Double.NaN : i.fullMarksAt()))
                    .toList();
            out.add(new CriteriaSet.Group(g.name(), indicators));
        }
        return out;
    }
}
