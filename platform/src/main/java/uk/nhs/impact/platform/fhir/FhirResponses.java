package uk.nhs.impact.platform.fhir;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Date;
import org.hl7.fhir.r4.model.Resource;

/** Responses carrying a FHIR resource: the FHIR media type, and for versioned resources their ETag and Location. */
public final class FhirResponses {
    private FhirResponses() {
    }

    public static Response ok(Resource resource) {
        return versioned(Response.ok(), resource).build();
    }

    public static Response created(Resource resource) {
        URI location = URI.create(Fhir.BASE_PATH + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                + "/_history/" + resource.getMeta().getVersionId());
        return versioned(Response.created(location), resource).build();
    }

    public static Response of(Resource resource) {
        return Response.ok(Fhir.write(resource), Fhir.MEDIA_TYPE).build();
    }

    private static Response.ResponseBuilder versioned(Response.ResponseBuilder r, Resource resource) {
        r.entity(Fhir.write(resource)).type(Fhir.MEDIA_TYPE);
        if (resource.getMeta().hasVersionId()) {
            r.tag(Fhir.etag(Long.parseLong(resource.getMeta().getVersionId())));
        }
        Date updated = resource.getMeta().getLastUpdated();
        if (updated != null) {
            r.lastModified(updated);
        }
        return r;
    }
}
