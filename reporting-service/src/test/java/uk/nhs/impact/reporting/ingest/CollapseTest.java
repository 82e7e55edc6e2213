package uk.nhs.impact.reporting.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollapseTest {
    record Row(String key, int revision, String value) {
    }

    @Test
    void newestKeepsPerKeyTheHighestRevisionAndOfEqualOnesTheLater() {
        List<Row> rows = List.of(new Row("a", 1, "a1"), new Row("b", 2, "b2"), new Row("a", 3, "a3"), new Row("a", 2, "a2 late"),
                new Row("b", 2, "b2 again"), new Row("c", 5, "c5"));

        assertThat(Collapse.newest(rows, Row::key, Row::revision))
                .containsExactly(new Row("a", 3, "a3"), new Row("b", 2, "b2 again"), new Row("c", 5, "c5"));
    }

    @Test
    void mergedFoldsEachKeysRowsInOrder() {
        List<Row> rows = List.of(new Row("a", 1, "x"), new Row("b", 1, "y"), new Row("a", 2, null), new Row("a", 1, "z"));

        List<Row> merged = Collapse.merged(rows, Row::key,
                (earlier, later) -> new Row(later.key(), Math.max(earlier.revision(), later.revision()),
                        Collapse.given(later.value(), earlier.value())));

        assertThat(merged).containsExactly(new Row("a", 2, "z"), new Row("b", 1, "y"));
    }

    @Test
    void givenIsTheLaterValueUnlessItIsMissing() {
        assertThat(Collapse.given("later", "earlier")).isEqualTo("later");
        assertThat(Collapse.given(null, "earlier")).isEqualTo("earlier");
        assertThat(Collapse.<String>given(null, null)).isNull();
    }

    @Test
    void roundsTakeEachKeyAtMostOnceAndInItsOrder() {
        Row a1 = new Row("a", 1, "a1");
        Row b1 = new Row("b", 1, "b1");
        Row a2 = new Row("a", 2, "a2");
        Row a0 = new Row("a", 0, "a0 late");
        Row c1 = new Row("c", 1, "c1");
        Row b2 = new Row("b", 2, "b2");

        assertThat(Collapse.rounds(List.of(a1, b1, a2, a0, c1, b2), Row::key))
                .containsExactly(List.of(a1, b1, c1), List.of(a2, b2), List.of(a0));
        assertThat(Collapse.rounds(List.<Row>of(), Row::key)).isEmpty();
    }
}
