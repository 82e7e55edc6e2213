package uk.nhs.impact.assessment.assessment;

import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.security.SharingLevel;
import uk.nhs.impact.platform.web.Keyset;
import uk.nhs.impact.platform.web.Page;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A page of assessments and the cursor to the next, which reads back as the place after the page's last row. */
class PagingTest {
    private final List<Assessment> rows = List.of(row(), row(), row());

    private static Assessment row() {
        return Fixtures.assessment(Assessment.Status.DRAFT, SharingLevel.PRIVATE);
    }

    @Test
    void whenMoreWereFetchedThanAskedTheCursorNamesTheLastRowShown() {
        Page<Assessment> page = AssessmentQueries.page(rows, 2);
        assertThat(page.items()).containsExactly(rows.get(0), rows.get(1));
        assertThat(page.next()).isEqualTo(Keyset.cursor(rows.get(1).createdAt, rows.get(1).id));
        assertThat(Keyset.after(page.next())).isEqualTo(new Keyset(rows.get(1).createdAt, rows.get(1).id));
    }

    @Test
    void theLastPageHasNoCursor() {
        assertThat(AssessmentQueries.page(rows, 3)).isEqualTo(new Page<>(rows, null));
        assertThat(AssessmentQueries.page(List.of(), 5)).isEqualTo(new Page<Assessment>(List.of(), null));
    }
}
