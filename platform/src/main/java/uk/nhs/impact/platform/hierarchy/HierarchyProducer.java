package uk.nhs.impact.platform.hierarchy;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the bundled hierarchy once per service. */
public class HierarchyProducer {
    @Produces
    @Singleton
    OrganisationHierarchy hierarchy() {
        return OrganisationHierarchy.loadBundled();
    }
}
