package uk.nhs.impact.gateway;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import uk.nhs.impact.stack.test.RealServersResource;

/** Real Keycloak (and the other servers) and a stand-in downstream for the gateway's tests, started once per test run. */
@WithTestResource(value = RealServersResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(value = DownstreamStubResource.class, scope = TestResourceScope.GLOBAL)
public class GatewayTestServers {
}
