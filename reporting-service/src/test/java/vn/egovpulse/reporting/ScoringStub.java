package vn.egovpulse.reporting;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Stands in for scoring-service's PUT /api/v1/criteria/{id} in ReadAccessTest: echoes what it got. */
@Path("/stub-scoring/api/v1/criteria/{id}")
public class ScoringStub {
    @PUT
    public Response put(@PathParam("id") String id, @HeaderParam("Authorization") String auth, String body) {
        String echo = "{\"id\":\"" + id + "\",\"auth\":" + (auth != null && auth.startsWith("Bearer ")) + ",\"body\":"
                + body + "}";
        return Response.status(201).type("application/json").entity(echo).build();
    }
}
