package uk.nhs.impact.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.impact.platform.problem.Problem;

/**
 * A body declared larger than the service accepts is refused with problem+json before it is read,
 * not with the HTTP server's bare 413.
 */
public class BodyLimitProblems {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long max = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length <= max) {
                ctx.next();
                return;
            }
            String id = ctx.request().getHeader(CorrelationId.HEADER);
            JsonObject body = new JsonObject()
                    .put("type", Problem.TYPE_BASE + "payload-too-large")
                    .put("title", "Payload too large")
                    .put("status", 413)
                    .put("detail", "The request body is larger than the " + max + " bytes this service accepts")
                    .put("instance", ctx.request().path())
                    .put("correlationId", id != null && id.matches("[A-Za-z0-9._:-]{1,64}") ? id : UUID.randomUUID().toString());
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                    .end(body.encode());
        });
    }
}
