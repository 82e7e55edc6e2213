package uk.nhs.impact.reporting.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.hierarchy.Organisation;
import uk.nhs.impact.platform.hierarchy.OrganisationHierarchy;
import uk.nhs.impact.platform.security.SharingLevel;

/**
 * The auditor's ground truth: a seeded random population of self-assessments, survey responses and oversight segments for
 * every trust and ICB of three regions (Midlands Y60, East of England Y61, North West Y62), as the hierarchy stood on
 * {@link #AS_OF}. Every self-assessment exists here, PRIVATE ones included ("exists but absent": the read model holds only
 * shared answers, so they are never inserted). Besides the random part, the builder constructs the situations the old
 * rules leaked (see the {@code reproduction*} fields), so that they exist whatever the seed.
 */
public final class Population {
    /** The cycle's and the run's reference date; the segments are in force around it only, so other tests' views never see them. */
    public static final LocalDate AS_OF = LocalDate.of(2023, 11, 30);
    /**
     * The self-assessment cycle: a financial year, so that the organisation profile of 2023-24 finds these assessments (by
     * cycle) and the survey run (its reference date, {@link #AS_OF}, falls within the year). No other test files under it.
     */
    public static final String CYCLE = "2023-24";
    public static final List<String> REGIONS = List.of("Y60", "Y61", "Y62");
    /** An oversight framework of the auditor's own, so that no other test's segments mix in. */
    public static final String FRAMEWORK = "audit-nof";
    public static final List<String> TRUST_TYPES = List.of("acute", "ambulance", "community", "mental_health", "specialist");
    /** Questions per component C1..C5 (4, 4, 5, 5, 4 = 22), as the self-assessment instrument has them. */
    static final int[] QUESTIONS_PER_COMPONENT = {4, 4, 5, 5, 4};

    /** Survey questions: one all answer, one with item non-response, a multi-choice one and free text. */
    public static final String S_PROGRESS = "S1_progress";
    public static final String S_ALIGNMENT = "S2_alignment";
    public static final String S_BARRIERS = "S3_barriers";
    public static final String S_COMMENTS = "S4_comments";
    static final List<String> PROGRESS = List.of("embedded", "maturing", "underway", "planning", "frontline_only");
    static final List<String> ALIGNMENT = List.of("fully", "mostly", "partially", "not_aligned");
    static final List<String> BARRIERS = List.of("operational_pressures", "workforce_capacity", "staff_engagement", "funding");
    static final List<String> COMMENT_POOL = List.of("Board development is helping us.", "We need more analyst time.",
            "Quality improvement training reached every ward.", "Pressures slowed the programme.");
    /** The combined category every survey query asks for. */
    public static final Map<String, List<String>> COMBINE = Map.of(S_ALIGNMENT, List.of("fully", "mostly"));

    /** One organisation's submitted self-assessment of the cycle: its level (1..5) per question. */
    public record Assessment(String id, String odsCode, String orgType, String trustType, String icbCode, String regionCode,
            SharingLevel sharing, Map<String, Integer> levels) {
        /** After the data-minimisation change, only shared answers reach reporting. */
        public boolean inReporting() {
            return sharing != SharingLevel.PRIVATE;
        }
    }

    /** One survey respondent; {@code answers} holds only the questions it answered. */
    public record Respondent(String id, String odsCode, String trustType, String icbCode, String regionCode, Map<String, Object> answers) {
        public boolean answered(String question) {
            return answers.containsKey(question);
        }
    }

    /** One organisation's baseline return: yes (true) or no (false) per headline question; a question left unanswered is absent. */
    public record BaselineReturn(String odsCode, String orgType, String trustType, String icbCode, String regionCode,
            Map<String, Boolean> answers) {
    }

    /** The baseline headline questions the returns answer yes or no. */
    public static final List<String> BASELINE_QUESTIONS = List.of("leadership_exec_responsibility", "tools_improvement_methods",
            "governance_reporting", "capability_staff_training");

    public final String cycle;
    public final String runId;
    /** The baseline collection of the cycle (reference date {@link #AS_OF}), with the returns filed to it. */
    public final String baselineCollection;
    public final List<BaselineReturn> baselineReturns;
    public final long seed;
    public final List<Assessment> assessments;
    public final List<Respondent> respondents;
    /** ODS code → oversight segment (1..4) in {@link #FRAMEWORK}; organisations without one are absent. */
    public final Map<String, Integer> segments;
    /** question code (Q1..Q22) → component (C1..C5). */
    public final Map<String, String> componentOf;
    public final List<String> regions;
    public final List<String> icbs;
    public final List<String> trusts;

    /** (a) The only Midlands ambulance trust sharing with its region (the other one keeps its assessment private). */
    public final String reproductionRegionSharedAmbulance;
    /** (b) In ICB QYG: three specialist trusts share nationally, this one only with its region (a fifth keeps it private). */
    public final String reproductionIcbOnlyRegionShared;
    public final List<String> reproductionIcbNationalPeers;
    public static final String REPRODUCTION_ICB = "QYG";
    /** (c) The only community-trust respondents of the survey: three, in two regions. */
    public final Set<String> reproductionCommunityRespondents;
    /** (c) North West respondents of non-acute trusts: fewer than 10, so region minus acute leaves a small group. */
    public final Set<String> reproductionNonAcuteNorthWest;
    public static final String REPRODUCTION_REGION = "Y62";

    private final OrganisationHierarchy hierarchy;

    private Population(long seed, OrganisationHierarchy hierarchy, Builder b) {
        this.seed = seed;
        this.hierarchy = hierarchy;
        this.cycle = CYCLE;
        this.runId = "audit-survey-" + seed;
        this.baselineCollection = "audit-baseline-" + seed;
        this.baselineReturns = List.copyOf(b.baselineReturns);
        this.assessments = List.copyOf(b.assessments);
        this.respondents = List.copyOf(b.respondents);
        this.segments = Collections.unmodifiableMap(b.segments);
        this.componentOf = Collections.unmodifiableMap(b.componentOf);
        this.regions = REGIONS;
        this.icbs = List.copyOf(b.icbs);
        this.trusts = List.copyOf(b.trusts);
        this.reproductionRegionSharedAmbulance = b.ambulance;
        this.reproductionIcbOnlyRegionShared = b.icbOnlyRegion;
        this.reproductionIcbNationalPeers = List.copyOf(b.icbNational);
        this.reproductionCommunityRespondents = Set.copyOf(b.community);
        this.reproductionNonAcuteNorthWest = Set.copyOf(b.nonAcuteNorthWest);
    }

    // ------------------------------------------------------------------------------------------------------------------
    // Building

    private static final class Builder {
        final List<Assessment> assessments = new ArrayList<>();
        final List<Respondent> respondents = new ArrayList<>();
        final List<BaselineReturn> baselineReturns = new ArrayList<>();
        final Map<String, Integer> segments = new TreeMap<>();
        final Map<String, String> componentOf = new LinkedHashMap<>();
        final List<String> icbs = new ArrayList<>();
        final List<String> trusts = new ArrayList<>();
        String ambulance;
        String icbOnlyRegion;
        final List<String> icbNational = new ArrayList<>();
        final Set<String> community = new TreeSet<>();
        final Set<String> nonAcuteNorthWest = new TreeSet<>();
    }

    public static Population build(long seed, OrganisationHierarchy h) {
        Random random = new Random(seed);
        Builder b = new Builder();
        int q = 0;
        for (int c = 0; c < QUESTIONS_PER_COMPONENT.length; c++) {
            for (int i = 0; i < QUESTIONS_PER_COMPONENT[c]; i++) {
                b.componentOf.put("Q" + (++q), "C" + (c + 1));
            }
        }
        List<Organisation> trusts = new ArrayList<>();
        for (String region : REGIONS) {
            h.icbsOfRegion(region, AS_OF).forEach(icb -> b.icbs.add(icb.odsCode()));
            trusts.addAll(h.trustsOfRegion(region, AS_OF));
        }
        trusts.forEach(t -> b.trusts.add(t.odsCode()));

        // Sharing: random, then the constructed situations.
        Map<String, SharingLevel> sharing = new TreeMap<>();
        SharingLevel[] levels = SharingLevel.values();
        double[] cumulative = {0.2, 0.45, 0.7, 1.0}; // PRIVATE 20 %, ICB 25 %, REGION 25 %, NATIONAL 30 %
        for (String ods : concat(b.trusts, b.icbs)) {
            double x = random.nextDouble();
            int i = 0;
            while (x > cumulative[i]) {
                i++;
            }
            sharing.put(ods, levels[i]);
        }
        // The access matrix's organisations share with their ICB at least, so that positions exist for them.
        for (String ods : List.of("RHA", "RK5", "R0A", "QT1", "QUA")) {
            if (sharing.get(ods) == SharingLevel.PRIVATE) {
                sharing.put(ods, SharingLevel.ICB);
            }
        }
        // (a) Midlands ambulance trusts: one shares with the region, the other keeps its assessment private.
        List<String> ambulance = ofType(trusts, h, "Y60", null, "ambulance");
        require(ambulance.size() >= 2, "two ambulance trusts in Y60");
        sharing.put(ambulance.get(0), SharingLevel.REGION);
        ambulance.subList(1, ambulance.size()).forEach(o -> sharing.put(o, SharingLevel.PRIVATE));
        b.ambulance = ambulance.get(0);
        // (b) QYG specialists: three national, one region-only, the rest private.
        List<String> specialists = ofType(trusts, h, null, REPRODUCTION_ICB, "specialist");
        require(specialists.size() >= 4, "four specialist trusts in QYG");
        for (int i = 0; i < specialists.size(); i++) {
            sharing.put(specialists.get(i), i < 3 ? SharingLevel.NATIONAL : i == 3 ? SharingLevel.REGION : SharingLevel.PRIVATE);
        }
        b.icbNational.addAll(specialists.subList(0, 3));
        b.icbOnlyRegion = specialists.get(3);

        for (Organisation t : trusts) {
            String icb = h.icbOf(t.odsCode(), AS_OF).orElseThrow();
            b.assessments.add(assessment(random, b, t.odsCode(), "trust", t.trustType(), icb, h.regionOf(icb, AS_OF).orElseThrow(),
                    sharing.get(t.odsCode())));
        }
        for (String icb : b.icbs) {
            b.assessments.add(assessment(random, b, icb, "icb", null, null, h.regionOf(icb, AS_OF).orElseThrow(), sharing.get(icb)));
        }

        // Oversight segments for about three in four organisations.
        for (String ods : concat(b.trusts, b.icbs)) {
            if (random.nextDouble() < 0.75) {
                b.segments.put(ods, 1 + random.nextInt(4));
            }
        }

        // Survey respondents per trust: none for a quarter, else 1..25; then the constructed situations.
        Map<String, Integer> count = new TreeMap<>();
        for (Organisation t : trusts) {
            count.put(t.odsCode(), random.nextDouble() < 0.25 ? 0 : 1 + random.nextInt(25));
        }
        // (c) Community trusts: three respondents in all, two in the Midlands and one in the North West.
        for (Organisation t : trusts) {
            if ("community".equals(t.trustType())) {
                count.put(t.odsCode(), 0);
            }
        }
        count.put(ofType(trusts, h, "Y60", null, "community").get(0), 2);
        count.put(ofType(trusts, h, REPRODUCTION_REGION, null, "community").get(0), 1);
        // (c) North West: fewer than 10 respondents outside acute trusts (the community one above and seven more).
        List<String> nonAcute = trusts.stream().filter(t -> inRegion(h, t, REPRODUCTION_REGION))
                .filter(t -> !"acute".equals(t.trustType()) && !"community".equals(t.trustType())).map(Organisation::odsCode).toList();
        nonAcute.forEach(o -> count.put(o, 0));
        int[] small = {2, 2, 2, 1};
        for (int i = 0; i < small.length; i++) {
            count.put(nonAcute.get(i * 2 % nonAcute.size()), small[i]);
        }
        List<String> acuteNorthWest = ofType(trusts, h, REPRODUCTION_REGION, null, "acute");
        count.put(acuteNorthWest.get(0), 18);

        int n = 0;
        for (Organisation t : trusts) {
            String icb = h.icbOf(t.odsCode(), AS_OF).orElseThrow();
            String region = h.regionOf(icb, AS_OF).orElseThrow();
            for (int i = 0; i < count.get(t.odsCode()); i++) {
                Respondent r = new Respondent("r" + seed + "-" + (++n), t.odsCode(), t.trustType(), icb, region, answers(random, n));
                b.respondents.add(r);
                if ("community".equals(t.trustType())) {
                    b.community.add(r.id());
                }
                if (region.equals(REPRODUCTION_REGION) && !"acute".equals(t.trustType())) {
                    b.nonAcuteNorthWest.add(r.id());
                }
            }
        }
        baselineReturns(new Random(seed + 1), b, trusts, h);
        require(b.community.size() == 3, "three community respondents");
        require(b.nonAcuteNorthWest.size() > 0 && b.nonAcuteNorthWest.size() < 10, "fewer than 10 non-acute North West respondents");
        return new Population(seed, h, b);
    }

    /**
     * Baseline returns (a random of their own, so the rest of the population stays as it was): about six in seven trusts and
     * ICBs file, every ambulance trust files, and small groups of a kind exist in a region (East of England's two community
     * trusts of three, the North West's one of two; single specialist and ambulance trusts), so that peer figures must be
     * suppressed where they would single them out. How often each question is answered yes varies by kind, and a few
     * returns leave a question unanswered.
     */
    private static void baselineReturns(Random random, Builder b, List<Organisation> trusts, OrganisationHierarchy h) {
        Map<String, Boolean> files = new TreeMap<>();
        for (Organisation t : trusts) {
            files.put(t.odsCode(), "ambulance".equals(t.trustType()) || random.nextDouble() < 0.85);
        }
        List<String> eastCommunity = ofType(trusts, h, "Y61", null, "community");
        require(eastCommunity.size() >= 3, "three community trusts in Y61");
        eastCommunity.forEach(o -> files.put(o, eastCommunity.indexOf(o) < 2));
        List<String> northWestCommunity = ofType(trusts, h, REPRODUCTION_REGION, null, "community");
        require(northWestCommunity.size() >= 2, "two community trusts in Y62");
        northWestCommunity.forEach(o -> files.put(o, northWestCommunity.indexOf(o) == 0));
        for (Organisation t : trusts) {
            if (files.get(t.odsCode())) {
                String icb = h.icbOf(t.odsCode(), AS_OF).orElseThrow();
                b.baselineReturns.add(new BaselineReturn(t.odsCode(), "trust", t.trustType(), icb, h.regionOf(icb, AS_OF).orElseThrow(),
                        baselineAnswers(random, 0.5 + 0.1 * TRUST_TYPES.indexOf(t.trustType()))));
            }
        }
        for (String icb : b.icbs) {
            if (random.nextDouble() < 0.85) {
                b.baselineReturns.add(new BaselineReturn(icb, "icb", null, null, h.regionOf(icb, AS_OF).orElseThrow(), baselineAnswers(random, 0.7)));
            }
        }
    }

    private static Map<String, Boolean> baselineAnswers(Random random, double yes) {
        Map<String, Boolean> a = new LinkedHashMap<>();
        for (String q : BASELINE_QUESTIONS) {
            if (random.nextDouble() < 0.95) {
                a.put(q, random.nextDouble() < yes);
            }
        }
        return a;
    }

    private static Assessment assessment(Random random, Builder b, String ods, String orgType, String trustType, String icb, String region,
            SharingLevel sharing) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        b.componentOf.keySet().forEach(q -> levels.put(q, 1 + random.nextInt(5)));
        return new Assessment("audit-" + ods, ods, orgType, trustType, icb, region, sharing, levels);
    }

    private static Map<String, Object> answers(Random random, int n) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (random.nextDouble() < 0.95) {
            a.put(S_PROGRESS, PROGRESS.get(random.nextInt(PROGRESS.size())));
        }
        if (random.nextDouble() < 0.8) {
            a.put(S_ALIGNMENT, ALIGNMENT.get(random.nextInt(ALIGNMENT.size())));
        }
        if (random.nextDouble() < 0.9) {
            List<String> chosen = new ArrayList<>();
            for (String option : BARRIERS) {
                if (random.nextDouble() < 0.45) {
                    chosen.add(option);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add(BARRIERS.get(random.nextInt(BARRIERS.size())));
            }
            a.put(S_BARRIERS, chosen);
        }
        if (random.nextDouble() < 0.35) {
            a.put(S_COMMENTS, random.nextBoolean()
                    ? COMMENT_POOL.get(random.nextInt(COMMENT_POOL.size()))
                    : "Respondent " + n + " says our improvement work is unique to us.");
        }
        return a;
    }

    private static List<String> ofType(List<Organisation> trusts, OrganisationHierarchy h, String region, String icb, String type) {
        return trusts.stream().filter(t -> type.equals(t.trustType()))
                .filter(t -> region == null || inRegion(h, t, region))
                .filter(t -> icb == null || h.icbOf(t.odsCode(), AS_OF).filter(icb::equals).isPresent())
                .map(Organisation::odsCode).sorted().toList();
    }

    private static boolean inRegion(OrganisationHierarchy h, Organisation t, String region) {
        return h.regionOf(t.odsCode(), AS_OF).filter(region::equals).isPresent();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("the bundled hierarchy no longer has " + what);
        }
    }

    // ------------------------------------------------------------------------------------------------------------------
    // Into the read models

    /** Inserts the shared self-assessments, the survey run and responses and the segments straight into the read models. */
    public void insert(Pool pool) {
        Duration wait = Duration.ofMinutes(2);
        pool.preparedQuery("delete from assessment_record where cycle = $1").execute(Tuple.of(cycle)).await().atMost(wait);
        pool.preparedQuery("delete from survey_response where run_id = $1").execute(Tuple.of(runId)).await().atMost(wait);
        pool.preparedQuery("delete from survey_run where run_id = $1").execute(Tuple.of(runId)).await().atMost(wait);
        pool.preparedQuery("delete from oversight_segment where framework_id = $1").execute(Tuple.of(FRAMEWORK)).await().atMost(wait);
        pool.preparedQuery("delete from baseline_return where collection_id = $1").execute(Tuple.of(baselineCollection)).await().atMost(wait);
        pool.preparedQuery("delete from baseline_collection where collection_id = $1").execute(Tuple.of(baselineCollection)).await().atMost(wait);

        OffsetDateTime submitted = AS_OF.atStartOfDay().atOffset(ZoneOffset.UTC);
        List<Tuple> rows = new ArrayList<>();
        for (Assessment a : assessments) {
            if (!a.inReporting()) {
                continue;
            }
            JsonObject answers = new JsonObject();
            a.levels().forEach((q, level) -> answers.put(q, new JsonObject().put("component", componentOf.get(q)).put("level", level)
                    .put("levelCode", "level-" + level)));
            rows.add(tuple(a.id() + "-" + cycle, a.odsCode(), a.orgType(), a.trustType(), a.icbCode(), a.regionCode(), cycle, AS_OF,
                    "nhs-impact-self-assessment", 1, 1, "SUBMITTED", a.sharing().name(), answers, submitted));
        }
        pool.preparedQuery("""
                insert into assessment_record(assessment_id, ods_code, org_type, trust_type, icb_code, region_code, cycle,
                    reference_date, instrument_id, instrument_version, revision, status, sharing, answers, submitted_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)""")
                .executeBatch(rows).await().atMost(wait);

        pool.preparedQuery("""
                insert into survey_run(run_id, instrument_id, instrument_version, reference_date, opens_at, closes_at, closed)
                values ($1, 'audit-improvement-survey', 1, $2, $3, $4, true)""")
                .execute(Tuple.of(runId, AS_OF, submitted.minusDays(30), submitted)).await().atMost(wait);
        List<Tuple> responses = new ArrayList<>();
        for (Respondent r : respondents) {
            JsonObject answers = new JsonObject();
            r.answers().forEach((question, value) -> answers.put(question, value instanceof List<?> list
                    ? new JsonArray(new ArrayList<>(list))
                    : question.equals(S_COMMENTS) ? new JsonObject().put("text", value) : value));
            responses.add(tuple(runId, r.id(), r.odsCode(), r.trustType(), r.icbCode(), r.regionCode(), "improvement_lead", 1, answers));
        }
        pool.preparedQuery("""
                insert into survey_response(run_id, respondent_id, ods_code, trust_type, icb_code, region_code, respondent_role,
                    revision, answers) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .executeBatch(responses).await().atMost(wait);

        pool.preparedQuery("""
                insert into baseline_collection(collection_id, name, reference_date, opens_at, closes_at, closed)
                values ($1, 'Audit baseline', $2, $3, $4, true)""")
                .execute(Tuple.of(baselineCollection, AS_OF, submitted.minusDays(30), submitted)).await().atMost(wait);
        List<Tuple> returns = new ArrayList<>();
        for (BaselineReturn r : baselineReturns) {
            JsonObject answers = new JsonObject();
            BASELINE_QUESTIONS.forEach(q -> answers.put(q, r.answers().get(q)));
            returns.add(tuple(baselineCollection, r.odsCode(), r.orgType(), r.trustType(), r.icbCode(), r.regionCode(), AS_OF, 1, answers,
                    submitted));
        }
        pool.preparedQuery("""
                insert into baseline_return(collection_id, ods_code, org_type, trust_type, icb_code, region_code, reference_date, revision,
                    answers, submitted_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .executeBatch(returns).await().atMost(wait);

        List<Tuple> segmentRows = new ArrayList<>();
        segments.forEach((ods, segment) -> segmentRows.add(Tuple.of(ods, FRAMEWORK, "2023-24", segment, AS_OF.withDayOfMonth(1),
                AS_OF.plusMonths(1))));
        pool.preparedQuery("""
                insert into oversight_segment(ods_code, framework_id, period, segment, effective_from, effective_to)
                values ($1, $2, $3, $4, $5, $6)""")
                .executeBatch(segmentRows).await().atMost(wait);
    }

    /** A tuple that may hold nulls. */
    private static Tuple tuple(Object... values) {
        Tuple t = Tuple.tuple();
        for (Object v : values) {
            t.addValue(v);
        }
        return t;
    }

    // ------------------------------------------------------------------------------------------------------------------
    // Ground truth: which rows a view's area and filters select, as the views' SQL selects them

    public OrganisationHierarchy hierarchy() {
        return hierarchy;
    }

    /** Every area a caller could name: X24, the three regions, their ICBs and trusts. */
    public List<String> areas() {
        List<String> out = new ArrayList<>();
        out.add(OrganisationHierarchy.NHS_ENGLAND);
        out.addAll(regions);
        out.addAll(icbs);
        out.addAll(trusts);
        return out;
    }

    public OrgLevel levelOf(String area) {
        return hierarchy.find(area).map(Organisation::level).orElseThrow(() -> new IllegalArgumentException(area));
    }

    /** The filter values present: trust types, and framework:segment pairs. */
    public Set<String> trustTypesPresent() {
        Set<String> out = new TreeSet<>();
        assessments.forEach(a -> {
            if (a.trustType() != null) {
                out.add(a.trustType());
            }
        });
        return out;
    }

    public Set<String> segmentsPresent() {
        Set<String> out = new TreeSet<>();
        segments.values().forEach(s -> out.add(FRAMEWORK + ":" + s));
        return out;
    }

    /** Rows of an area (the ICB's own row included in an ICB's area), narrowed by the filters (null: not given). */
    public boolean selects(String area, String orgType, String trustType, String segment, String ods, String rowOrgType, String rowTrustType,
            String icb, String region) {
        boolean inArea = switch (levelOf(area)) {
            case NATIONAL -> true;
            case REGION -> area.equals(region);
            case ICB -> area.equals(icb) || area.equals(ods);
            case TRUST, DIRECTORATE -> area.equals(ods);
        };
        return inArea
                && (blank(orgType) || orgType.toLowerCase(Locale.ROOT).equals(rowOrgType))
                && (blank(trustType) || trustType.toLowerCase(Locale.ROOT).equals(rowTrustType))
                && (blank(segment) || segment.equals(segments.containsKey(ods) ? FRAMEWORK + ":" + segments.get(ods) : null));
    }

    public List<Assessment> assessments(String area, String orgType, String trustType, String segment, Predicate<Assessment> which) {
        return assessments.stream().filter(which).filter(a -> selects(area, orgType, trustType, segment, a.odsCode(), a.orgType(),
                a.trustType(), a.icbCode(), a.regionCode())).toList();
    }

    /** A position's peers: the organisations of the same trust type / ICB / region, not the organisation itself. */
    public List<Assessment> peers(Assessment own, String peers, Predicate<Assessment> which) {
        return assessments.stream().filter(which).filter(a -> !a.odsCode().equals(own.odsCode())).filter(a -> switch (peers) {
            case "trust_type" -> own.trustType() != null && own.trustType().equals(a.trustType());
            case "icb" -> own.icbCode() != null && own.icbCode().equals(a.icbCode());
            case "region" -> own.regionCode() != null && own.regionCode().equals(a.regionCode());
            default -> throw new IllegalArgumentException(peers);
        }).toList();
    }

    public java.util.Optional<Assessment> assessmentOf(String ods) {
        return assessments.stream().filter(a -> a.odsCode().equals(ods)).findFirst();
    }

    /** The baseline returns of an area of one kind (a trust type for trusts; null: any). */
    public List<BaselineReturn> baselineReturns(String area, String orgType, String trustType) {
        return baselineReturns.stream().filter(r -> selects(area, orgType, trustType, null, r.odsCode(), r.orgType(), r.trustType(),
                r.icbCode(), r.regionCode())).toList();
    }

    /** Survey responses carry no org type: the orgType filter does not apply to them. */
    public List<Respondent> respondents(String area, String trustType, String segment) {
        return respondents.stream().filter(r -> selects(area, null, trustType, segment, r.odsCode(), "trust", r.trustType(), r.icbCode(),
                r.regionCode())).toList();
    }

    /** The option codes a respondent's answer counts under (a multi-choice answer under several; free text under its text). */
    public static List<String> valuesOf(Object answer) {
        if (answer instanceof List<?> list) {
            return list.stream().map(Objects::toString).toList();
        }
        return List.of(String.valueOf(answer));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
