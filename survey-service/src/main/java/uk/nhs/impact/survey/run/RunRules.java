package uk.nhs.impact.survey.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.nhs.impact.platform.problem.ProblemException;

/**
 * The rules of a run's collection window: a new window runs forward and names organisation types that exist; the close may
 * only move later; closing is final; responses are taken only inside an open window, and a refusal gives the dates.
 */
public final class RunRules {
    static final Set<String> ORG_TYPES = Set.of("trust", "icb", "region", "directorate");

    private RunRules() {
    }

    public static void checkNew(Instant opensAt, Instant closesAt, List<String> organisationTypes) {
        if (!closesAt.isAfter(opensAt)) {
            throw ProblemException.validation("closesAt", "must be after opensAt");
        }
        for (String type : organisationTypes) {
            if (!ORG_TYPES.contains(type)) {
                throw ProblemException.validation("organisationTypes", type + " is not one of " + ORG_TYPES);
            }
        }
    }

    /** Every change to a run is refused once it is closed. */
    public static void requireNotClosed(SurveyRun run) {
        if (run.closed) {
            throw ProblemException.conflict("Survey run " + run.id + " is closed, which is final",
                    Map.of("closesAt", run.closesAt.toString(), "closed", true));
        }
    }

    public static void checkExtension(SurveyRun run, Instant closesAt) {
        if (!closesAt.isAfter(run.closesAt)) {
            throw ProblemException.validation("closesAt", "must be later than the current close, " + run.closesAt);
        }
    }

    public static void requireAcceptingResponses(SurveyRun run, Instant now) {
        if (!run.acceptsResponsesAt(now)) {
            throw ProblemException.conflict(run.closed
                    ? "Survey run " + run.id + " is closed"
                    : "Survey run " + run.id + " accepts responses only between " + run.opensAt + " and " + run.closesAt,
                    Map.of("opensAt", run.opensAt.toString(), "closesAt", run.closesAt.toString(), "closed", run.closed));
        }
    }
}
