package uk.nhs.impact.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The organisation attributes every return event carries, as at the collection's reference date,
 * so that consumers never need to call back.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganisationRef(
        String odsCode,
        String name,
        String orgType,
        String trustType,
        String icbOdsCode,
        String regionOdsCode) {
}
