package uk.nhs.impact.assessment.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.nhs.impact.platform.web.Keyset;
import uk.nhs.impact.platform.web.Page;

/** The queries over the assessment tables, each in a session of its own. */
@ApplicationScoped
public class AssessmentQueries {

    /** One page of an organisation's assessments as {@code listing} allows, oldest first, after the place {@code after} names. */
    public Uni<Page<Assessment>> page(String ods, String cycle, AssessmentAccess.Listing listing, Keyset after, int limit) {
        StringBuilder q = new StringBuilder("odsCode = :ods");
        Map<String, Object> params = new HashMap<>();
        params.put("ods", ods);
        if (cycle != null) {
            q.append(" and cycle = :cycle");
            params.put("cycle", cycle);
        }
        if (!listing.all()) {
            q.append(" and status = :submitted and sharing in :visible");
            params.put("submitted", Assessment.Status.SUBMITTED);
            params.put("visible", listing.sharedAt());
        }
        if (after != null) {
            q.append(" and ").append(Keyset.AFTER);
            after.bind(params);
        }
        q.append(Keyset.ORDER);
        return Panache.withSession(() -> Assessment.<Assessment>find(q.toString(), params).page(0, limit + 1).list())
                .map(rows -> Page.byKeyset(rows, limit, Assessment::place));
    }

    /** Assessments of the organisation and cycle that are not withdrawn (within the caller's transaction). */
    public Uni<Long> live(String ods, String cycle) {
        return Assessment.count("odsCode = ?1 and cycle = ?2 and status <> ?3", ods, cycle, Assessment.Status.WITHDRAWN);
    }

    public Uni<List<AssessmentRevision>> revisions(UUID id) {
        return Panache.withSession(() -> AssessmentRevision.<AssessmentRevision>list("assessmentId = ?1 order by revision", id));
    }

    /** The row of one revision, null while it is neither submitted nor closed (within the caller's transaction). */
    public Uni<AssessmentRevision> revision(UUID id, int revision) {
        return AssessmentRevision.<AssessmentRevision>find("assessmentId = ?1 and revision = ?2", id, revision).firstResult();
    }

    public Uni<List<SharingChange>> sharingHistory(UUID id) {
        return Panache.withSession(() -> SharingChange.<SharingChange>list("assessmentId = ?1 order by changedAt, id", id));
    }
}
