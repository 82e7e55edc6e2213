package uk.nhs.impact.organisation;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.impact.stack.test.StandardEndpointsChecks;

@QuarkusTest
class StandardEndpointsTest extends StandardEndpointsChecks {
    @Override
    protected String apiTitle() {
        return "NHS organisations API";
    }

    /** Change sets are created, never updated: nothing here takes If-Match. */
    @Override
    protected boolean hasConditionalUpdates() {
        return false;
    }
}
