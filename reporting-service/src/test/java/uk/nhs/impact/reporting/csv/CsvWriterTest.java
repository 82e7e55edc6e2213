package uk.nhs.impact.reporting.csv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV cells: RFC 4180 quoting, and text a spreadsheet would take for a formula neutralised (OWASP, CSV injection). */
class CsvWriterTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "=1+2", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1+2", "\r=1+2",
            "=", "-", "@", "+", "\t", "\r", "-A1", "=cmd|' /C calc'!A0,1"})
    void textThatStartsLikeAFormulaIsPrefixedWithAQuoteAndQuoted(String text) {
        String written = CsvWriter.cell(text);
        assertEquals("\"'" + text.replace("\"", "\"\"") + "\"", written);
        assertEquals(List.of(List.of("'" + text)), parse(written + "\r\n"), "reads back as the text behind a single quote");
    }

    @Test
    void everyKindOfTextCellIsNeutralisedNotOnlyStrings() {
        Object enumLike = new Object() {
            @Override
            public String toString() {
                return "=1+2";
            }
        };
        assertEquals("\"'=1+2\"", CsvWriter.cell(enumLike));
        assertEquals("\"'-1\"", CsvWriter.cell("-1"), "a number carried as a string is text");
        assertEquals("\"'-0.5\"", CsvWriter.cell("-0.5"));
    }

    @Test
    void numbersStayNumbersNegativeOnesIncluded() {
        assertEquals("-3", CsvWriter.cell(-3));
        assertEquals("-3", CsvWriter.cell(-3L));
        assertEquals("-0.25", CsvWriter.cell(new BigDecimal("-0.25")));
        assertEquals("-1E+3", CsvWriter.cell(new BigDecimal("-1E+3")));
        assertEquals("42", CsvWriter.cell(42));
        assertEquals("2.5", CsvWriter.cell(new BigDecimal("2.5")));
        assertEquals("\"'-Infinity\"", CsvWriter.cell(Double.NEGATIVE_INFINITY), "not a plain number: treated as text");
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
        assertEquals("\"'-1+cmd|' /C calc'!A0\"", CsvWriter.cell(odd));
    }

    @Test
    void rfc4180QuotingIsKept() {
        assertEquals("plain", CsvWriter.cell("plain"));
        assertEquals("", CsvWriter.cell(null));
        assertEquals("", CsvWriter.cell(""));
        assertEquals("\"a,b\"", CsvWriter.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvWriter.cell("two\nlines"));
        assertEquals("\"two\r\nlines\"", CsvWriter.cell("two\r\nlines"));
        assertEquals("true", CsvWriter.cell(true));
        assertEquals("2023-08-31", CsvWriter.cell(LocalDate.of(2023, 8, 31)));
        // only the first character counts: a formula sign inside the text is harmless
        assertEquals("a=1+2", CsvWriter.cell("a=1+2"));
        assertEquals("x-y", CsvWriter.cell("x-y"));
        assertEquals("'quoted already", CsvWriter.cell("'quoted already"));
        // a line break that is not the first character is quoted, not neutralised
        assertEquals("\"a\r=1\"", CsvWriter.cell("a\r=1"));
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
        assertTrue(csv.endsWith("\r\n"));
        List<List<String>> parsed = parse(csv);
        assertEquals(List.of("run_id", "area", "question", "text", "delta", "percentage"), parsed.get(0));
        assertEquals(List.of("run-1", "X24", "Q14_free_text", "'=HYPERLINK(\"http://x\",\"y\")", "-2", ""), parsed.get(1));
        assertEquals(List.of("run-1", "X24", "Q1", "a, \"b\"\nc", "7", "33"), parsed.get(2));
        assertEquals(List.of("'\tx", "'\ry", "'@z", "'+1", "'-w", "'=v"), parsed.get(3));
        for (List<String> row : parsed.subList(1, parsed.size())) {
            for (String cell : row) {
                assertFalse(!cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0, "no cell starts like a formula: " + cell);
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
