package uk.nhs.impact.reporting;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.impact.stack.test.StandardEndpointsChecks;

@QuarkusTest
class StandardEndpointsTest extends StandardEndpointsChecks {
    @Override
    protected String apiTitle() {
        return "NHS IMPACT reporting API";
    }

    @Override
    protected boolean hasConditionalUpdates() {
        return false;
    }
}
