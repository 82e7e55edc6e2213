package uk.nhs.impact.reporting.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV cells: RFC 4180 quoting, and text a spreadsheet would take for a formula neutralised (OWASP, CSV injection). */
class CsvWriterTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "=1+2", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1+2", "\r=1+2",
            "=", "-", "@", "+", "\t", "\r", "-A1", "=cmd|' /C calc'!A0,1"})
    void textThatStartsLikeAFormulaIsPrefixedWithAQuoteAndQuoted(String text) {
        String written = CsvWriter.cell(text);
        assertThat(written).isEqualTo("\"'" + text.replace("\"", "\"\"") + "\"");
        assertThat(parse(written + "\r\n")).as("reads back as the text behind a single quote").isEqualTo(List.of(List.of("'" + text)));
    }

    @Test
    void everyKindOfTextCellIsNeutralisedNotOnlyStrings() {
        Object enumLike = new Object() {
            @Override
            public String toString() {
                return "=1+2";
            }
        };
        assertThat(CsvWriter.cell(enumLike)).isEqualTo("\"'=1+2\"");
        assertThat(CsvWriter.cell("-1")).as("a number carried as a string is text").isEqualTo("\"'-1\"");
        assertThat(CsvWriter.cell("-0.5")).isEqualTo("\"'-0.5\"");
    }

    @Test
    void numbersStayNumbersNegativeOnesIncluded() {
        assertThat(CsvWriter.cell(-3)).isEqualTo("-3");
        assertThat(CsvWriter.cell(-3L)).isEqualTo("-3");
        assertThat(CsvWriter.cell(new BigDecimal("-0.25"))).isEqualTo("-0.25");
        assertThat(CsvWriter.cell(new BigDecimal("-1E+3"))).isEqualTo("-1E+3");
        assertThat(CsvWriter.cell(42)).isEqualTo("42");
        assertThat(CsvWriter.cell(new BigDecimal("2.5"))).isEqualTo("2.5");
        assertThat(CsvWriter.cell(Double.NEGATIVE_INFINITY)).as("not a plain number: treated as text").isEqualTo("\"'-Infinity\"");
    }

    @Test
    void aNumberWhoseTextIsNotANumberIsTreatedAsText() {
        Number odd = new Number() {
            @Override
            public int intValue() {
                return 0;
            }

            @Override
            public long longValue() {
                return 0;
            }

            @Override
            public float floatValue() {
                return 0;
            }

            @Override
            public double doubleValue() {
                return 0;
            }

            @Override
            public String toString() {
                return "-1+cmd|' /C calc'!A0";
            }
        };
        assertThat(CsvWriter.cell(odd)).isEqualTo("\"'-1+cmd|' /C calc'!A0\"");
    }

    @Test
    void rfc4180QuotingIsKept() {
        assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
        assertThat(CsvWriter.cell(null)).isEqualTo("");
        assertThat(CsvWriter.cell("")).isEqualTo("");
        assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvWriter.cell(true)).isEqualTo("true");
        assertThat(CsvWriter.cell(LocalDate.of(2023, 8, 31))).isEqualTo("2023-08-31");
        // only the first character counts: a formula sign inside the text is harmless
        assertThat(CsvWriter.cell("a=1+2")).isEqualTo("a=1+2");
        assertThat(CsvWriter.cell("x-y")).isEqualTo("x-y");
        assertThat(CsvWriter.cell("'quoted already")).isEqualTo("'quoted already");
        // a line break that is not the first character is quoted, not neutralised
        assertThat(CsvWriter.cell("a\r=1")).isEqualTo("\"a\r=1\"");
    }

    @Test
    void aWholeTableRendersAndParsesBackCellForCell() {
        List<Object> risky = new ArrayList<>(Arrays.asList("run-1", "X24", "Q14_free_text", "=HYPERLINK(\"http://x\",\"y\")", -2, null));
        List<Object> safe = new ArrayList<>(Arrays.asList("run-1", "X24", "Q1", "a, \"b\"\nc", 7, new BigDecimal("33")));
        CsvTable table = new CsvTable() {
            @Override
            public List<String> csvHeader() {
                return List.of("run_id", "area", "question", "text", "delta", "percentage");
            }

            @Override
            public List<List<Object>> csvRows() {
                return List.of(risky, safe, List.of("\tx", "\ry", "@z", "+1", "-w", "=v"));
            }
        };
        String csv = CsvWriter.render(table);
        assertThat(csv.endsWith("\r\n")).isTrue();
        List<List<String>> parsed = parse(csv);
        assertThat(parsed.get(0)).isEqualTo(List.of("run_id", "area", "question", "text", "delta", "percentage"));
        assertThat(parsed.get(1)).isEqualTo(List.of("run-1", "X24", "Q14_free_text", "'=HYPERLINK(\"http://x\",\"y\")", "-2", ""));
        assertThat(parsed.get(2)).isEqualTo(List.of("run-1", "X24", "Q1", "a, \"b\"\nc", "7", "33"));
        assertThat(parsed.get(3)).isEqualTo(List.of("'\tx", "'\ry", "'@z", "'+1", "'-w", "'=v"));
        for (List<String> row : parsed.subList(1, parsed.size())) {
            for (String cell : row) {
                assertThat(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0).as("no cell starts like a formula: " + cell).isFalse();
            }
        }
    }

    /** Reads CSV as RFC 4180 does (quoted fields may hold commas, doubled quotes and line breaks). */
    static List<List<String>> parse(String csv) {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(csv, org.apache.commons.csv.CSVFormat.RFC4180)) {
            return parser.getRecords().stream().map(r -> r.toList()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
