package uk.nhs.impact.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A million returns in the reporting service's read models, as its consumers would have written them: baseline returns
 * from every trust, ICB and region over 1,700 collections, self-assessments from every trust over 1,500 cycles, and
 * 300 survey runs of 1,000 respondents each — all placed in the real 2023 hierarchy. Idempotent.
 */
final class ScaleData {
    static final int COLLECTIONS = 1_700;
    static final int CYCLES = 1_500;
    static final int RUNS = 300;
    static final int RESPONDENTS = 1_000;

    private ScaleData() {
    }

    static String collection(int n) {
        return "bench-scale-" + n;
    }

    static long generate(Function<String, Connection> db, Path root) throws IOException, SQLException {
        long started = System.nanoTime();
        try (Connection c = db.apply("reporting"); Statement s = c.createStatement()) {
            s.execute("create temp table bench_org(n serial, ods text, org_type text, trust_type text, icb text, region text)");
            try (PreparedStatement ps = c.prepareStatement("insert into bench_org(ods, org_type, trust_type, icb, region) values (?, ?, ?, ?, ?)")) {
                for (String[] o : organisations(root)) {
                    for (int i = 0; i < 5; i++) {
                        ps.setString(i + 1, o[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            s.execute("create temp table bench_trust as select row_number() over (order by ods) - 1 as k, * from bench_org where org_type = 'trust'");
            long trusts = count(s, "select count(*) from bench_trust");

            s.execute("insert into baseline_collection(collection_id, name, reference_date, opens_at, closes_at) "
                    + "select 'bench-scale-' || c, 'Bench ' || c, date '2015-01-01' + c, now(), now() from generate_series(1, " + COLLECTIONS + ") c "
                    + "on conflict do nothing");
            s.execute(
                    "insert into baseline_return(collection_id, ods_code, org_type, trust_type, icb_code, region_code, reference_date, revision, answers, submitted_at) "
                            + "select 'bench-scale-' || c, o.ods, o.org_type, o.trust_type, o.icb, o.region, date '2015-01-01' + c, 1, "
                            + "jsonb_build_object('leadership_exec_responsibility', random() < 0.9, 'tools_improvement_methods', random() < 0.8, "
                            + "'governance_reporting', random() < 0.8, 'capability_staff_training', random() < 0.4), now() "
                            + "from generate_series(1, " + COLLECTIONS + ") c cross join bench_org o on conflict do nothing");
            // the trend tallies, recounted from the returns as the service's consumer recounts them after writing returns
            s.execute("select baseline_trend_recount(array(select c.collection_id from baseline_collection c where c.collection_id like 'bench-scale-%' "
                    + "and not exists (select 1 from baseline_trend_tally t where t.collection_id = c.collection_id)))");

            s.execute("create temp table bench_answers as select k, (select jsonb_object_agg(lpad(q::text, 2, '0'), jsonb_build_object("
                    + "'component', 'C' || (case when q <= 4 then 1 when q <= 8 then 2 when q <= 13 then 3 when q <= 18 then 4 else 5 end), "
                    + "'level', 1 + ((k * 7 + q * 3) % 3), 'levelCode', 'L' || (1 + ((k * 7 + q * 3) % 3)))) "
                    + "from generate_series(1, 22) q) as answers from generate_series(0, 15) k");
            s.execute("update bench_answers set answers = (select jsonb_object_agg('Q' || key, value) from jsonb_each(answers))");
            s.execute("insert into assessment_record(assessment_id, ods_code, org_type, trust_type, icb_code, region_code, cycle, reference_date, "
                    + "instrument_id, instrument_version, revision, status, sharing, answers, submitted_at) "
                    + "select 'bench-' || c || '-' || t.ods, t.ods, 'trust', t.trust_type, t.icb, t.region, 'bench-cy-' || c, date '2015-01-01' + c, "
                    + "'nhs-impact-self-assessment', 1, 1, 'SUBMITTED', (array['NATIONAL','NATIONAL','REGION','ICB'])[1 + (t.k + c) % 4], a.answers, now() "
                    + "from generate_series(1, " + CYCLES + ") c cross join bench_trust t join bench_answers a on a.k = (t.k + c) % 16 "
                    + "on conflict do nothing");

            s.execute("insert into survey_run(run_id, instrument_id, instrument_version, reference_date, opens_at, closes_at) "
                    + "select 'bench-run-' || r, 'nhsp-improvement-survey-2023', 1, date '2015-01-01' + r, now(), now() "
                    + "from generate_series(1, " + RUNS + ") r on conflict do nothing");
            s.execute("insert into survey_response(run_id, respondent_id, ods_code, trust_type, icb_code, region_code, respondent_role, revision, answers) "
                    + "select 'bench-run-' || r, r || '-' || i, t.ods, t.trust_type, t.icb, t.region, "
                    + "(array['chief_executive','director_of_improvement'])[1 + i % 2], 1, jsonb_build_object("
                    + "'Q1_trust_progress', (array['frontline_only','committed_planning','just_underway','underway_maturing','embedded_sustained'])[1 + (i * 7 + r) % 5], "
                    + "'Q2_trust_alignment', (array['fully','mostly','partially'])[1 + (i + r) % 3], "
                    + "'Q3_trust_barriers', jsonb_build_array('operational_pressures', (array['workforce_capacity','engaging_overstretched_staff'])[1 + i % 2])) "
                    + "from generate_series(1, " + RUNS + ") r cross join generate_series(0, " + (RESPONDENTS - 1) + ") i "
                    + "join bench_trust t on t.k = i % " + trusts + " on conflict do nothing");
            s.execute("analyze baseline_return");
            s.execute("analyze assessment_record");
            s.execute("analyze survey_response");
            long rows = count(s, "select (select count(*) from baseline_return where collection_id like 'bench-scale-%') "
                    + "+ (select count(*) from assessment_record where cycle like 'bench-cy-%') "
                    + "+ (select count(*) from survey_response where run_id like 'bench-run-%')");
            System.out.printf("  generated %,d read-model rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
            return rows;
        }
    }

    /**
     * The views measured, each: area whose analyst asks, the URL, and the same aggregate as a plain SQL GROUP BY over the
     * raw rows with its parameters.
     */
    static Map<String, String[]> views(String collection) {
        String headlineSql = "select org_type, count(*), "
                + "count(*) filter (where (answers ->> 'leadership_exec_responsibility')::boolean), "
                + "count(*) filter (where (answers ->> 'tools_improvement_methods')::boolean), "
                + "count(*) filter (where (answers ->> 'governance_reporting')::boolean), "
                + "count(*) filter (where (answers ->> 'capability_staff_training')::boolean) "
                + "from baseline_return where collection_id = ?";
        String headline = "/api/v1/reports/baseline/" + collection + "/headline";
        Map<String, String[]> v = new LinkedHashMap<>();
        v.put("baseline headline, national", new String[]{"X24", headline, headlineSql + " group by org_type", collection});
        v.put("baseline headline, region Y60", new String[]{"Y60", headline + "?area=Y60", headlineSql + " and region_code = ? group by org_type",
                collection, "Y60"});
        v.put("baseline headline, ICB QT1", new String[]{"QT1", headline + "?area=QT1",
                headlineSql + " and (icb_code = ? or ods_code = ?) group by org_type", collection, "QT1", "QT1"});
        v.put("baseline headline, provider RHA", new String[]{"RHA", headline + "?area=RHA", headlineSql + " and ods_code = ? group by org_type",
                collection, "RHA"});
        v.put("baseline trend over 1,700 collections, national", new String[]{"X24",
                "/api/v1/reports/trends/baseline?question=leadership_exec_responsibility&orgType=trust",
                "select collection_id, max(reference_date), count(*), count(*) filter (where (answers ->> 'leadership_exec_responsibility')::boolean) "
                        + "from baseline_return where org_type = ? group by collection_id",
                "trust"});
        v.put("self-assessment distribution, national", new String[]{"X24", "/api/v1/reports/self-assessment/bench-cy-7/distribution",
                "select q.key, (q.value ->> 'level')::int, count(*) from assessment_record a, jsonb_each(a.answers) q "
                        + "where a.cycle = ? and a.status = 'SUBMITTED' and a.sharing = 'NATIONAL' group by 1, 2",
                "bench-cy-7"});
        v.put("self-assessment distribution, region Y60", new String[]{"Y60", "/api/v1/reports/self-assessment/bench-cy-7/distribution?area=Y60",
                "select q.key, (q.value ->> 'level')::int, count(*) from assessment_record a, jsonb_each(a.answers) q "
                        + "where a.cycle = ? and a.status = 'SUBMITTED' and a.sharing in ('REGION', 'NATIONAL') and a.region_code = ? group by 1, 2",
                "bench-cy-7", "Y60"});
        v.put("survey results (1,000 respondents), national", new String[]{"X24", "/api/v1/reports/survey/bench-run-7/results",
                "select q.key, o.opt, count(*) from survey_response r, jsonb_each(r.answers) q, lateral (select jsonb_array_elements_text(q.value) "
                        + "as opt where jsonb_typeof(q.value) = 'array' union all select q.value #>> '{}' where jsonb_typeof(q.value) = 'string') o "
                        + "where r.run_id = ? group by 1, 2",
                "bench-run-7"});
        return v;
    }

    /** Trusts, ICBs and regions open on 2023-08-31: ods, org type, trust type, ICB, region. */
    private static List<String[]> organisations(Path root) throws IOException {
        List<String[]> out = new java.util.ArrayList<>();
        Path ref = root.resolve("platform/src/main/resources/reference");
        List<String> trusts = Files.readAllLines(ref.resolve("trusts.csv"));
        for (String line : trusts.subList(1, trusts.size())) {
            String[] f = line.split(",", -1);
            if (!f[8].isEmpty() && f[8].compareTo("20230831") <= 0 && (f[9].isEmpty() || f[9].compareTo("20230831") >= 0)) {
                out.add(new String[]{f[0], "trust", f[5], f[4], f[3]});
            }
        }
        for (String line : Files.readAllLines(ref.resolve("icbs.csv")).subList(1, 43)) {
            String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            out.add(new String[]{f[0], "icb", null, f[0], f[5]});
        }
        for (String region : List.of("Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63")) {
            out.add(new String[]{region, "region", null, null, region});
        }
        return out;
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
