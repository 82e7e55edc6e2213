package uk.nhs.impact.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.impact.platform.problem.ProblemException;

/** A page in creation order and the cursor to the next, which reads back as the place after the page's last row. */
class PageTest {
    private record Row(Instant createdAt, UUID id) {
        Keyset place() {
            return new Keyset(createdAt, id);
        }
    }

    private final List<Row> rows = List.of(row(1), row(2), row(3));

    private static Row row(int second) {
        return new Row(Instant.parse("2026-04-01T09:00:00Z").plusSeconds(second), UUID.randomUUID());
    }

    @Test
    void whenMoreWereFetchedThanAskedTheCursorNamesTheLastRowShown() {
        Page<Row> page = Page.byKeyset(rows, 2, Row::place);
        assertThat(page.items()).containsExactly(rows.get(0), rows.get(1));
        assertThat(Keyset.after(page.next())).isEqualTo(rows.get(1).place());
    }

    @Test
    void theLastPageHasNoCursor() {
        assertThat(Page.byKeyset(rows, 3, Row::place)).isEqualTo(new Page<>(rows, null));
        assertThat(Page.byKeyset(List.<Row>of(), 5, Row::place)).isEqualTo(new Page<Row>(List.of(), null));
    }

    @Test
    void aMappedPageKeepsItsCursor() {
        Page<Row> page = Page.byKeyset(rows, 1, Row::place);
        assertThat(page.map(Row::id)).isEqualTo(new Page<>(List.of(rows.get(0).id()), page.next()));
    }

    @Test
    void aCursorThatIsNotOursIsRefusedNamingAfter() {
        assertThatThrownBy(() -> Keyset.after(Cursors.encode("not-a-place")))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors()).extracting("field").containsExactly("after"));
        assertThat(Keyset.after(null)).isNull();
    }
}
