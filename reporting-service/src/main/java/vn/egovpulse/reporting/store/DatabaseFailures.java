package vn.egovpulse.reporting.store;

import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.egovpulse.platform.rest.ProblemException;
import vn.egovpulse.reporting.config.ReportingConfig;

/**
 * Turns a failed query into the answer a reader should get. PostgreSQL down, restarting,
 * refusing connections, or a statement cancelled by {@code statement_timeout}: the request was
 * fine and may well succeed later, so 503 problem+json with Retry-After, never 500. Anything
 * else PostgreSQL refuses (a syntax error, an unknown column) is a bug of this service and stays
 * a 500.
 */
@ApplicationScoped
public class DatabaseFailures {
    private static final Logger LOG = Logger.getLogger(DatabaseFailures.class);
    /** query_canceled: what statement_timeout raises. */
    static final String QUERY_CANCELED = "57014";

    private final ReportingConfig config;

    public DatabaseFailures(ReportingConfig config) {
        this.config = config;
    }

    /** For {@code uni.onFailure().transform(failures::map)} right after {@code execute}. */
    public Throwable map(Throwable e) {
        if (e instanceof PgException pg && !unavailable(pg.getSqlState())) {
            return e;
        }
        if (e instanceof PgException pg && QUERY_CANCELED.equals(pg.getSqlState())) {
            LOG.warnf("query cancelled by the statement timeout: %s", pg.getMessage());
            return ProblemException.unavailable("the database did not answer in time; try again later", config.retryAfter());
        }
        LOG.warnf("database unavailable: %s", e.toString());
        return ProblemException.unavailable("the database is unavailable; try again later", config.retryAfter());
    }

    /**
     * SQLSTATE classes that say "not now" rather than "wrong query": 08 connection exception,
     * 28 invalid authorization (a role locked during maintenance), 3D invalid catalog name (the
     * database is being restored), 53 insufficient resources (too many connections), 57 operator
     * intervention (shutdown, cannot connect now, query_canceled).
     */
    private static boolean unavailable(String sqlState) {
        if (sqlState == null || sqlState.length() < 2) {
            return true;
        }
        String c = sqlState.substring(0, 2);
        return c.equals("08") || c.equals("28") || c.equals("3D") || c.equals("53") || c.equals("57");
    }
}
