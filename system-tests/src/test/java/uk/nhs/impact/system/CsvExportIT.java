package uk.nhs.impact.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.impact.stack.test.Tokens;

/**
 * CSV exports are safe to open in a spreadsheet, on the running system, through the gateway: twelve respondents of one
 * trust answer a new survey run's free-text question with text a spreadsheet would take for a formula (starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return). Twelve is a group of at least ten respondents,
 * so the national view shows their free text; the national analyst's {@code Accept: text/csv} export of the same results
 * must carry every one of those answers neutralised (OWASP, CSV injection: a single quote before the text, the cell quoted),
 * and no cell of the export may start like a formula.
 */
@ExtendWith(SharedStack.class)
@Order(13)
class CsvExportIT {
    private static final String RUN = "csv-" + Long.toString(System.currentTimeMillis(), 36);
    private static final String FREE_TEXT = "Q14_free_text";
    /** Answers that would run as formulas if a spreadsheet read them as they are: one per respondent. */
    private static final List<String> FORMULAS = List.of(
            "=HYPERLINK(\"http://x\",\"y\")",
            "=1+2",
            "@SUM(A1)",
            "+1+2",
            "-2+3+cmd|' /C calc'!A0",
            "\t=1+2",
            "\r=1+2",
            "=cmd|' /C calc'!A0",
            "-A1",
            "@cmd",
            "+A1, \"quoted\", with a comma",
            "\r\n=2+2");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private static String national;

    @BeforeAll
    static void fileFreeTextThatLooksLikeFormulas() throws Exception {
        SharedStack.stack();
        RestAssured.baseURI = RunningStack.GATEWAY;
        System.setProperty("impact.test.keycloak-url", RunningStack.KEYCLOAK);
        national = Tokens.bearer("X24", "national-analyst");
        String admin = Tokens.bearer("X24", "instrument-admin");
        String trust = Tokens.bearer("RHA", "submitter", "viewer");

        given().header("Authorization", admin).contentType("application/json")
                .body(Bodies.surveyRun(RUN, "CSV export", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)))
                .post("/api/v1/survey-runs").then().statusCode(201);
        String responses = "/api/v1/survey-runs/" + RUN + "/responses";
        for (int i = 0; i < FORMULAS.size(); i++) {
            String reference = "csv-respondent-" + i;
            Response started = given().header("Authorization", trust).queryParam("respondentReference", reference).contentType("application/json")
                    .body(Map.of("respondentRole", "director_of_improvement", "respondentReference", reference)).post(responses);
            assertThat(started.statusCode()).as(started.asString()).isEqualTo(201);
            String id = started.path("id");
            Map<String, Object> answers = Map.of("answers", Map.of(
                    "Q1_trust_progress", Map.of("option", "just_underway"),
                    FREE_TEXT, Map.of("text", FORMULAS.get(i))));
            Response saved = given().header("Authorization", trust).queryParam("respondentReference", reference)
                    .header("If-Match", started.header("ETag")).contentType("application/json").body(answers).patch(responses + "/" + id);
            assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(200);
            Response submitted = given().header("Authorization", trust).queryParam("respondentReference", reference)
                    .header("If-Match", saved.header("ETag")).post(responses + "/" + id + "/submit");
            assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(200);
        }
        awaitFreeTextInTheNationalView();
    }

    /** The view is built from events: wait until the national view counts all twelve and shows their free text. */
    private static void awaitFreeTextInTheNationalView() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            Response r = results().accept("application/json").get();
            seen = r.statusCode() + " " + r.asString();
            if (r.statusCode() == 200) {
                List<String> comments = r.path("questions.find { it.code == '" + FREE_TEXT + "' }.comments");
                if (comments != null && comments.size() == FORMULAS.size()) {
                    assertThat(sorted(comments)).as("the national view shows the twelve answers as they were given").isEqualTo(sorted(FORMULAS));
                    return;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the national view of " + RUN + " never showed the " + FORMULAS.size() + " free-text answers of a group of "
                + FORMULAS.size() + " respondents: " + (seen.length() > 600 ? seen.substring(0, 600) + "…" : seen));
    }

    @Test
    void theNationalCsvExportNeutralisesEveryCellThatWouldRunAsAFormula() {
        Response r = results().accept("text/csv").get();
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(String.valueOf(r.contentType())).as("served as CSV").startsWith("text/csv");
        String csv = new String(r.asByteArray(), StandardCharsets.UTF_8);
        if (csv.startsWith("\uFEFF")) {
            csv = csv.substring(1);
        }
        List<List<String>> rows = parse(csv);
        assertThat(rows).as("a header and rows: " + csv).hasSizeGreaterThan(1);
        List<String> cells = rows.stream().flatMap(List::stream).toList();

        // every free-text answer is in the export, behind a single quote, so a spreadsheet shows it as text
        List<String> missing = new ArrayList<>();
        for (String formula : FORMULAS) {
            if (!cells.contains("'" + formula)) {
                missing.add(formula);
            }
        }
        assertThat(missing).as("free-text answers the JSON view shows but the CSV export does not carry neutralised "
                + "(as \"'\" + the answer, quoted), out of " + FORMULAS.size() + ":\n" + csv).isEmpty();

        // and no cell anywhere starts like a formula; a number (e.g. a negative difference) is not a formula
        List<String> dangerous = cells.stream()
                .filter(c -> !c.isEmpty() && FORMULA_STARTS.indexOf(c.charAt(0)) >= 0 && !c.matches("-[0-9]+(\\.[0-9]+)?"))
                .toList();
        assertThat(dangerous).as("cells that a spreadsheet would run as formulas").isEmpty();

        // the quoted form is on the wire: the neutralised cell starts with a double quote, then the single quote
        for (String formula : FORMULAS) {
            assertThat(csv).as("quoted on the wire: " + formula).contains("\"'" + formula.replace("\"", "\"\"") + "\"");
        }
        SuiteSummary.record("CSV export (through the gateway)", String.format("%d free-text answers that start like formulas, all "
                + "neutralised in the national CSV export; %d cells checked, none starts like a formula", FORMULAS.size(), cells.size()));
    }

    @Test
    void theCsvCarriesTheSameFiguresAsTheJson() {
        Response json = results().accept("application/json").get();
        assertThat(json.statusCode()).as(json.asString()).isEqualTo(200);
        assertThat(((Number) json.path("meta.respondents")).intValue()).as("twelve respondents counted").isEqualTo(FORMULAS.size());
        Object expected = json.path("questions.find { it.code == 'Q1_trust_progress' }.options.find { it.code == 'just_underway' }.figure.numerator");
        String csv = new String(results().accept("text/csv").get().asByteArray(), StandardCharsets.UTF_8);
        List<List<String>> rows = parse(csv.startsWith("\uFEFF") ? csv.substring(1) : csv);
        List<String> header = rows.get(0);
        int question = header.indexOf("question");
        int option = header.indexOf("option");
        int numerator = header.indexOf("numerator");
        assertThat(question >= 0 && option >= 0 && numerator >= 0).as("columns: " + header).isTrue();
        List<String> inCsv = rows.stream().filter(row -> row.size() > numerator && "Q1_trust_progress".equals(row.get(question))
                && "just_underway".equals(row.get(option))).map(row -> row.get(numerator)).toList();
        assertThat(inCsv).as("the Q1 figure is in the CSV as in the JSON:\n" + csv).isEqualTo(List.of(expected == null ? "" : expected.toString()));
    }

    private static io.restassured.specification.RequestSpecification results() {
        return given().header("Authorization", national).basePath("/api/v1/reports/survey/" + RUN + "/results").queryParam("area", "X24");
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
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
