package uk.nhs.impact.gateway;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem+json written straight onto a Vert.x response. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://impact.nhs.uk/problems/";

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            // the client has gone (or was answered already): there is nobody to tell
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path())
                .put("correlationId", CorrelationIds.of(ctx));
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body.encode());
    }
}
