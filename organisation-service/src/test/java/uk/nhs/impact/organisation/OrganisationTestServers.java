package uk.nhs.impact.organisation;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import uk.nhs.impact.stack.test.RealServersResource;

/** Real PostgreSQL, Kafka and Keycloak for this module's tests, started once per test run. */
@WithTestResource(value = RealServersResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "organisation"))
public class OrganisationTestServers {
}
