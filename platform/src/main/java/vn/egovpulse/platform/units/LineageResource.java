package vn.egovpulse.platform.units;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import vn.egovpulse.events.Tier;
import vn.egovpulse.events.Unit;
import vn.egovpulse.platform.rest.ProblemException;

import java.time.LocalDate;
import java.util.List;

/** SPEC 6: a unit with its predecessors (merged into it) and its successor (it merged into). */
@Path("/api/v1/units/{code}/lineage")
@Produces(MediaType.APPLICATION_JSON)
public class LineageResource {
    private final UnitRegistry registry;
    private final UnitLineage lineage;

    public LineageResource(UnitRegistry registry, UnitLineage lineage) {
        this.registry = registry;
        this.lineage = lineage;
    }

    /** A unit as the lineage shows it: code, name, tier and validity (null = unbounded). */
    public record LineageUnit(String code, String name, Tier tier, LocalDate validFrom, LocalDate validTo,
                              String successor) {
        static LineageUnit of(Unit u) {
            return new LineageUnit(u.code(), u.name(), u.tier(), u.validFrom(), u.validTo(), u.successor());
        }
    }

    /** {@code successor}: the end of the unit's successor chain's first step, or null. */
    public record Lineage(LineageUnit unit, List<LineageUnit> predecessors, LineageUnit successor) {
    }

    @GET
    @Operation(summary = "The unit, every unit whose successor chain leads to it, and the unit it was merged into")
    public Lineage get(@PathParam("code") String code) {
        Unit u = registry.get(code);
        if (u == null) {
            throw ProblemException.notFound("unknown unit '" + code + "'");
        }
        List<LineageUnit> predecessors = lineage.predecessors(code).stream()
                .map(registry::get).filter(java.util.Objects::nonNull).map(LineageUnit::of).toList();
        Unit successor = u.successor() == null ? null : registry.get(u.successor());
        return new Lineage(LineageUnit.of(u), predecessors, successor == null ? null : LineageUnit.of(successor));
    }
}
