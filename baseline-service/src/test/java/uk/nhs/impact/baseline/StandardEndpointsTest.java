package uk.nhs.impact.baseline;

import io.quarkus.test.junit.QuarkusTest;
import uk.nhs.impact.stack.test.StandardEndpointsChecks;

@QuarkusTest
class StandardEndpointsTest extends StandardEndpointsChecks {
    @Override
    protected String apiTitle() {
        return "Baseline for improvement API";
    }
}
