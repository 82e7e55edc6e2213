package uk.nhs.impact.assessment;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.impact.stack.test.StandardEndpointsChecks;

@QuarkusTest
class StandardEndpointsTest extends StandardEndpointsChecks {
    @Override
    protected String apiTitle() {
        return "NHS IMPACT self-assessment API";
    }
}
