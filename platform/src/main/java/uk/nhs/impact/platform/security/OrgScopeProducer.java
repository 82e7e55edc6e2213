package uk.nhs.impact.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;

/** Builds the caller's {@link OrgScope} from the verified token: {@code org_code} claim and realm roles. */
public class OrgScopeProducer {
    public static final String ORG_CLAIM = "org_code";

    @Produces
    @RequestScoped
    OrgScope scope(SecurityIdentity identity, OrganisationHierarchy hierarchy) {
        String org = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(ORG_CLAIM);
            org = claim == null ? null : claim.toString().trim().toUpperCase(Locale.ROOT);
        }
        return new OrgScope(org, identity.getRoles(), hierarchy);
    }
}
