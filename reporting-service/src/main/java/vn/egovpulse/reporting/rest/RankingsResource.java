package vn.egovpulse.reporting.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.events.Tier;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.config.ReportingConfig;
import vn.egovpulse.reporting.rankings.Comparison;
import vn.egovpulse.reporting.rankings.Period;
import vn.egovpulse.reporting.rankings.RankingService;
import vn.egovpulse.reporting.rankings.Views;
import vn.egovpulse.reporting.stream.RankingStream;
import vn.egovpulse.reporting.stream.StreamLimits;

import java.time.Duration;

/** SPEC sections 4 and 5: rankings (xếp hạng) of a league, as JSON, CSV or a live stream. */
@Path("/api/v1/rankings")
@Tag(name = "Rankings", description = "Units ranked within their tier and province (department, district and commune leagues)")
public class RankingsResource {
    private final RankingService rankings;
    private final RankingStream stream;
    private final StreamLimits limits;
    private final ReportingConfig config;
    private final Comparison comparison;

    static final String STRUCTURE = "SPEC 6 structure date: YYYY-MM-DD or current (today); default the period's last day "
            + "(today for a period not yet ended). The league is the units valid that day, each with its predecessors "
            + "no longer valid then; the answer says which date it used (`structure`; in CSV the last column)";

    public RankingsResource(RankingService rankings, RankingStream stream, StreamLimits limits, ReportingConfig config,
                            Comparison comparison) {
        this.comparison = comparison;
        this.rankings = rankings;
        this.stream = stream;
        this.limits = limits;
        this.config = config;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Ranking of one league for one period",
            description = "League = the units of `tier` whose province is `province`. Scores use the current version of "
                    + "the criteria set (default `default-2026`); ties (to 2 decimals) share a rank, the next rank is "
                    + "skipped and tied units are listed by code. A unit with less than half of the maximum points "
                    + "applicable is listed under `unranked` (rank null). `previous` is the unit's rank and score in the "
                    + "previous period of the same length (2020 → 2019, 2020-Q3 → 2020-Q2, a month → the month before, "
                    + "a day → the day before, ranges, rolling windows and YTD → the window of the same number of days "
                    + "just before); rankChange = previous rank − rank (positive = moved up). Every indicator of SPEC §3 "
                    + "is listed with value, numerator, denominator and points (null when the set gives it no points "
                    + "or it is not applicable). `Accept: text/csv` (or `format=csv`) gives one row per unit: "
                    + "rank,code,name,score,<group points>,<key.value,key.numerator,key.denominator,key.points per "
                    + "indicator>,structure (the structure date used, SPEC 6), unranked units last with an empty rank. "
                    + "v2: each entry has `band` (SPEC 7.3), the label of the set's first band whose min ≤ its score; "
                    + "null for an unranked unit and for a set without bands. The national league (SPEC 7.4): "
                    + "`tier=PROVINCE` without `province` ranks every province valid at the structure date on its "
                    + "province aggregate (the sums of /provinces/{code}/indicators without tier); `province` is "
                    + "then null in the answer. Any other tier needs `province` (400 naming it).")
    @APIResponse(responseCode = "200", description = "The ranking",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.Ranking.class)),
                    @Content(mediaType = "text/csv")})
    @APIResponse(responseCode = "400", description = "Missing or bad province, tier or period (problem+json naming the parameter)")
    @APIResponse(responseCode = "404", description = "Unknown province or criteria set")
    public Uni<Response> ranking(
            @Parameter(description = "Province unit code, e.g. PTO; leave out with tier=PROVINCE for the national league")
            @QueryParam("province") String province,
            @Parameter(description = "PROVINCE, DEPARTMENT, DISTRICT or COMMUNE", required = true) @QueryParam("tier") String tier,
            @Parameter(description = "Period: " + Period.GRAMMAR + " (local dates, Asia/Ho_Chi_Minh, inclusive)", required = true)
            @QueryParam("period") String period,
            @Parameter(description = "Criteria set id (default default-2026)") @QueryParam("criteria") String criteria,
            @Parameter(description = "csv to get CSV regardless of Accept") @QueryParam("format") String format,
            @Parameter(description = STRUCTURE) @QueryParam("structure") String structure,
            @Context HttpHeaders headers) {
        Tier t = Params.tier(tier);
        String p = Params.provinceOrNational(province, t);
        Period per = Params.period(period);
        java.time.LocalDate s = Params.structure(structure);
        if (p != null) {
            rankings.province(p);
        }
        boolean csv = Csv.wanted(headers, format);
        String c = criteria == null || criteria.isBlank() ? CriteriaSet.DEFAULT_ID : criteria;
        if (!csv) {
            boolean gzip = Params.acceptsGzip(headers);
            return rankings.rankingJson(p, t, per, c, s, RankingService.Trigger.REQUEST).map(bytes -> gzip
                    ? Response.ok(bytes.gzip(), MediaType.APPLICATION_JSON).header(HttpHeaders.CONTENT_ENCODING, "gzip")
                            .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build()
                    : Response.ok(bytes.json(), MediaType.APPLICATION_JSON).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build());
        }
        return rankings.ranking(p, t, per, c, s)
                .map(r -> Csv.response(Csv.ranking(r), "ranking-" + (p == null ? "national" : p) + "-" + t + "-"
                        + per.label() + ".csv"));
    }

    @GET
    @Path("/compare")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "One league ranked under several criteria sets, side by side (SPEC 7.4)",
            description = "`criteria`: 2 to 5 distinct set ids, comma-separated (400 naming `criteria` otherwise; an "
                    + "unknown set is 404). Answers {province, tier, period, structure, criteria: [{id, version}], "
                    + "entries: [{unit: {code, name}, results: [{criteria, rank, score, band}], rankMove}]}; one result "
                    + "per set in the order asked; rank null when unranked under that set; rankMove = rank under the "
                    + "last set − rank under the first (null when unranked under either). Entries follow the first "
                    + "set's ranking (ranked units by rank, then unranked by code). tier=PROVINCE without province "
                    + "compares the national league. CSV: code,name,<id>.rank,<id>.score,<id>.band per set,rankMove.")
    @APIResponse(responseCode = "200", description = "The comparison",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Comparison.Compared.class)),
                    @Content(mediaType = "text/csv")})
    @APIResponse(responseCode = "400", description = "Missing or bad province, tier, period or criteria")
    @APIResponse(responseCode = "404", description = "Unknown province or criteria set")
    public Uni<Response> compare(@QueryParam("province") String province, @QueryParam("tier") String tier,
                                 @QueryParam("period") String period,
                                 @Parameter(description = "2 to 5 criteria set ids, e.g. default-2026,qd766", required = true)
                                 @QueryParam("criteria") String criteria,
                                 @QueryParam("format") String format, @Context HttpHeaders headers) {
        Tier t = Params.tier(tier);
        String p = Params.provinceOrNational(province, t);
        Period per = Params.period(period);
        java.util.List<String> ids = Params.criteriaList(criteria, Comparison.MIN_SETS, Comparison.MAX_SETS);
        if (p != null) {
            rankings.province(p);
        }
        boolean csv = Csv.wanted(headers, format);
        return comparison.compare(p, t, per, ids).map(c -> csv
                ? Csv.response(Csv.comparison(c), "compare-" + (p == null ? "national" : p) + "-" + t + "-" + per.label() + ".csv")
                : Response.ok(c, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/stream")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live ranking of one league (Server-Sent Events)",
            description = "Sends an event named `ranking` (data: the ranking JSON of GET /api/v1/rankings; id: a hash "
                    + "of its content without asOf) whenever a rank, a score or any count of that league for that period "
                    + "changes, about 300 ms after scoring-service's change notices (debounced). Nothing is sent on "
                    + "connect unless the request carries a Last-Event-ID different from the current id, in which case "
                    + "the current ranking is sent at once. A comment line is sent every 15 s as a heartbeat. "
                    + "The period defaults to YTD; rolling periods roll with the calendar. Parameters are validated "
                    + "(400/404 problem+json) before the stream opens.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @APIResponse(responseCode = "400", description = "Missing or bad province, tier or period")
    @APIResponse(responseCode = "404", description = "Unknown province or criteria set")
    @APIResponse(responseCode = "503", description = "Too many streams open (per client or in total; Retry-After), or the "
            + "database is unavailable")
    public void stream(@QueryParam("province") String province, @QueryParam("tier") String tier,
                       @Parameter(description = "Period (default YTD)") @QueryParam("period") String period,
                       @QueryParam("criteria") String criteria,
                       @Parameter(description = STRUCTURE) @QueryParam("structure") String structure,
                       @HeaderParam("Last-Event-ID") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServerRequest request) {
        Tier t = Params.tier(tier);
        String p = Params.provinceOrNational(province, t);
        String spec = period == null || period.isBlank() ? "YTD" : period.trim();
        Params.period(spec);
        Params.structure(structure);
        if (p != null) {
            rankings.province(p);
        }
        String c = criteria == null || criteria.isBlank() ? CriteriaSet.DEFAULT_ID : criteria;
        rankings.criteria(c).ifNoItem().after(Duration.ofSeconds(10))
                .failWith(() -> ProblemException.unavailable("the criteria set could not be read in time; try again later",
                        config.retryAfter()))
                .await().indefinitely();
        // Per remote address: behind a proxy, set quarkus.http.proxy.proxy-address-forwarding so it is the client's.
        Runnable release = limits.acquire(request.remoteAddress().hostAddress());
        stream.open(new RankingStream.League(p, t, spec, c,
                structure == null || structure.isEmpty() ? null : structure), sink, sse, lastEventId, release);
    }
}
