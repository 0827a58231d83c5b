package vn.egovpulse.scoring.criteria;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.egovpulse.events.CriteriaSet;
import vn.egovpulse.platform.rest.Problem;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.scoring.notice.NoticeOutbox;
import vn.egovpulse.scoring.store.CriteriaStore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Criteria sets (bộ tiêu chí): validation and versioning. A new version is announced on
 * egov.indicators (through the outbox, in its own transaction) so that reporting re-scores from
 * the facts it already has, without a replay.
 */
@ApplicationScoped
public class CriteriaService {
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    private final CriteriaStore store;
    private final NoticeOutbox notices;

    public CriteriaService(CriteriaStore store, NoticeOutbox notices) {
        this.store = store;
        this.notices = notices;
    }

    public Uni<List<CriteriaSet>> current() {
        return store.currentAll();
    }

    public Uni<CriteriaSet> get(String id, Integer version) {
        return store.byId(id, version).onItem().ifNull().failWith(() -> ProblemException.notFound(
                "no criteria set '" + id + "'" + (version == null ? "" : " version " + version)));
    }

    /** Validates, stores as version max+1 with its change notice (relayed at once), then returns it. */
    public Uni<CriteriaSet> put(String id, String name, List<CriteriaSet.Group> groups, List<CriteriaSet.Band> bands,
                                Caller caller) {
        caller.checkMayCreate();
        List<Problem.FieldProblem> problems = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new Problem.FieldProblem("id", "must match " + ID.pattern()));
        }
        for (String p : new CriteriaSet(id, 0, name, groups, bands).problems()) {
            int colon = p.indexOf(": ");
            problems.add(new Problem.FieldProblem(p.substring(0, colon), p.substring(colon + 2)));
        }
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(400, "Invalid criteria set",
                    problems.size() + " problem(s) in criteria set '" + id + "'", problems));
        }
        return Uni.createFrom().deferred(() -> store.addVersion(id, name, groups, bands == null || bands.isEmpty() ? null : bands, caller))
                // Two PUTs of the same id at once: the loser hits the (id, version) key and tries again.
                .onFailure(e -> !(e instanceof ProblemException)).retry().atMost(2)
                .invoke(notices::wake);
    }
}
