package uk.nhs.impact.platform.hierarchy;

/** Where an organisation sits in the NHS England hierarchy. */
public enum OrgLevel {
    NATIONAL, REGION, ICB, TRUST, DIRECTORATE
}
