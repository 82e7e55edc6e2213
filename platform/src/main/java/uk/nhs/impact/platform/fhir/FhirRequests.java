package uk.nhs.impact.platform.fhir;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Optional;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Before every FHIR request: HAPI's context is made ready off the event loop (building it scans the R4 model for seconds of
 * CPU; on the event loop that would hold up every request sharing the loop), and the FHIR base as the caller addressed it
 * (through the gateway: {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}) is kept for the request, so that Bundle links
 * are absolute, as FHIR clients follow them.
 */
public class FhirRequests {
    static final String BASE = "impact.fhir.base";
    private static volatile boolean ready;

    @ServerRequestFilter(preMatching = true)
    public Uni<Void> prepare(ContainerRequestContext request) {
        if (!OperationOutcomes.isFhir(request.getUriInfo().getPath())) {
            return Uni.createFrom().voidItem();
        }
        remember(base(request));
        return ready ? Uni.createFrom().voidItem() : warm();
    }

    /** The absolute FHIR base of this request: the gateway's when it came through it. */
    static String base(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String proto = first(request.getHeaderString("X-Forwarded-Proto")).orElse(uri.getScheme());
        String host = first(request.getHeaderString("X-Forwarded-Host")).orElse(uri.getRawAuthority());
        return proto + "://" + host + Fhir.BASE_PATH;
    }

    /** The current request's absolute FHIR base; the base path alone outside a request. */
    static String currentBase() {
        try {
            return ContextLocals.<String>get(BASE).orElse(Fhir.BASE_PATH);
        } catch (RuntimeException e) {
            return Fhir.BASE_PATH;
        }
    }

    private static void remember(String base) {
        try {
            ContextLocals.put(BASE, base);
        } catch (RuntimeException e) {
            // not on a request's own context: links stay relative to the server
        }
    }

    private static Uni<Void> warm() {
        Context context = Vertx.currentContext();
        Uni<Void> warm = Uni.createFrom().<Void>item(() -> {
            Fhir.read(Fhir.write(new QuestionnaireResponse().setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS)),
                    QuestionnaireResponse.class);
            ready = true;
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? warm : warm.emitOn(task -> context.runOnContext(v -> task.run()));
    }

    private static Optional<String> first(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        int comma = header.indexOf(',');
        return Optional.of((comma < 0 ? header : header.substring(0, comma)).trim());
    }
}
