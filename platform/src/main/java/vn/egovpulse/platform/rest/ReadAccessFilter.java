package vn.egovpulse.platform.rest;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;


import vn.egovpulse.platform.config.ReadConfig;

/**
 * SPEC 2.3, in every service: with {@code egov.read.require-token=true}, every read (GET under /api/v1) needs a
 * token with group viewer or admin: 401 without a valid token, 403 without the group.
 */
public class ReadAccessFilter {
    private final ReadConfig config;
    private final CurrentIdentityAssociation identity;

    public ReadAccessFilter(ReadConfig config, CurrentIdentityAssociation identity) {
        this.config = config;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext ctx) {
        if (!config.requireToken() || !"GET".equals(ctx.getMethod()) || !ctx.getUriInfo().getPath().startsWith("/api/v1")) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity()
                .map(id -> {
                    if (id.isAnonymous()) {
                        return problem(401, "Unauthorized", "a valid bearer token is required");
                    }
                    if (!id.hasRole("viewer") && !id.hasRole("admin")) {
                        return problem(403, "Forbidden", "the token lacks the viewer role");
                    }
                    return (Response) null;
                })
                .onFailure().recoverWithItem(() -> problem(401, "Unauthorized", "a valid bearer token is required"));
    }

    private static Response problem(int status, String title, String detail) {
        return ProblemMappers.response(new Problem("about:blank", title, status, detail, null));
    }
}
