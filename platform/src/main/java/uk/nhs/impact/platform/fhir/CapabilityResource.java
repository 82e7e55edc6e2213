package uk.nhs.impact.platform.fhir;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Date;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * What the FHIR API offers, as a {@code CapabilityStatement}. Every service answers it alike: the gateway serves one FHIR base,
 * {@code /api/v1/fhir}, over the self-assessment, the survey and the baseline, and this statement describes all of it.
 */
@Path(Fhir.BASE_PATH + "/metadata")
@Tag(name = CapabilityResource.TAG, description = CapabilityResource.TAG_DESCRIPTION)
public class CapabilityResource {
    public static final String TAG = "FHIR R4";
    public static final String TAG_DESCRIPTION = "The instruments as FHIR R4 Questionnaires, and returns filed, read, updated and searched as "
            + "QuestionnaireResponses (application/fhir+json), with the same validation, access rules, audit and events as the REST API. "
            + "Failures are OperationOutcomes naming the item's linkId.";
    private static final Date PUBLISHED = new Date(1796256000000L);

    @GET
    @Authenticated
    @Produces(Fhir.MEDIA_TYPE)
    @Operation(summary = "The FHIR server's CapabilityStatement: resources, interactions and search parameters")
    @APIResponse(responseCode = "200", description = "The CapabilityStatement", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    @APIResponse(responseCode = "4XX", description = "An OperationOutcome (401 without a valid token)", content = @Content(mediaType = Fhir.MEDIA_TYPE))
    public Response metadata() {
        return FhirResponses.of(statement());
    }

    static CapabilityStatement statement() {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setUrl(Fhir.CANONICAL_BASE + "/CapabilityStatement/nhs-impact-returns").setVersion("1").setName("NhsImpactReturns")
                .setTitle("NHS IMPACT returns: FHIR R4 API").setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(PUBLISHED)
                .setPublisher("NHS England").setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1).addFormat(Fhir.MEDIA_TYPE).addFormat("json");
        cs.getSoftware().setName("NHS IMPACT returns");
        cs.getImplementation().setDescription("The self-assessment, the provider improvement survey and the baseline for improvement")
                .setUrl(Fhir.BASE_PATH);
        CapabilityStatementRestComponent rest = cs.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER)
                .setDocumentation("One base for every kind of return. Ids start with the kind (assessment-, survey-, baseline-).");
        rest.getSecurity().setCors(false).setDescription("OAuth 2.0 bearer tokens from the NHS IMPACT Keycloak realm (audience "
                + "nhs-impact-api), checked by the gateway and again by each service. Another organisation's private return is 404.")
                .addService(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")));

        CapabilityStatementRestResourceComponent q = rest.addResource().setType("Questionnaire")
                .setProfile("http://hl7.org/fhir/StructureDefinition/Questionnaire")
                .setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED).setReadHistory(false).setUpdateCreate(false)
                .setDocumentation("Every published instrument version, generated from the definition the service validates against. "
                        + "A search names the questionnaire by url (the kind's canonical), and optionally version.");
        q.addInteraction().setCode(TypeRestfulInteraction.READ);
        q.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        q.addSearchParam().setName("url").setType(SearchParamType.URI).setDocumentation("The canonical URL (required)");
        q.addSearchParam().setName("version").setType(SearchParamType.TOKEN).setDocumentation("The instrument version");

        CapabilityStatementRestResourceComponent r = rest.addResource().setType("QuestionnaireResponse")
                .setProfile("http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse")
                .setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONEDUPDATE).setReadHistory(false).setUpdateCreate(false)
                .setConditionalCreate(false).setConditionalUpdate(false)
                .setDocumentation("A return: in-progress is a draft, completed is submitted, amended is a submitted revision, "
                        + "entered-in-error is withdrawn. Create takes an Idempotency-Key; update needs If-Match with the version "
                        + "(W/\"n\"). A search names the questionnaire (its canonical, with or without |version).");
        r.addInteraction().setCode(TypeRestfulInteraction.READ);
        r.addInteraction().setCode(TypeRestfulInteraction.CREATE);
        r.addInteraction().setCode(TypeRestfulInteraction.UPDATE);
        r.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        r.addSearchParam().setName("questionnaire").setType(SearchParamType.REFERENCE)
                .setDocumentation("The Questionnaire's canonical (required)");
        r.addSearchParam().setName("subject").setType(SearchParamType.REFERENCE)
                .setDocumentation("The organisation, as subject:identifier=" + Fhir.ODS_SYSTEM + "|<ODS code>; the caller's own by default");
        r.addSearchParam().setName("status").setType(SearchParamType.TOKEN).setDocumentation("in-progress, completed, amended, entered-in-error");
        r.addSearchParam().setName("authored").setType(SearchParamType.DATE).setDocumentation("eq, ge, gt, le or lt a date");
        r.addSearchParam().setName("_count").setType(SearchParamType.NUMBER).setDocumentation("Page size, 1 to 100 (50)");
        return cs;
    }
}
