package uk.nhs.impact.gateway;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import uk.nhs.impact.stack.test.RealServersResource;

/** Real Keycloak (and the other servers) for the gateway's tests, started once per test run. */
@WithTestResource(value = RealServersResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
public class GatewayTestServers {
}
