package uk.nhs.impact.survey.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.Responses;
import uk.nhs.impact.platform.web.Params;
import uk.nhs.impact.survey.instrument.SurveyDefinition;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Option;
import uk.nhs.impact.survey.instrument.SurveyDefinition.Question;
import uk.nhs.impact.survey.response.ResponseResource;
import uk.nhs.impact.survey.response.SurveyAnswer;

/**
 * One published survey version as a FHIR R4 {@code Questionnaire}, generated from its definition (never written by hand),
 * and the mapping both ways between that Questionnaire's items and the service's answers.
 * <ul>
 * <li>Each question is an item whose linkId is the question code: single choice and Likert are {@code choice} items, multi
 * choice a {@code choice} that repeats (with {@code questionnaire-maxOccurs} for a maximum), free text a {@code text} item
 * with its maxLength. The options are codings of one contained CodeSystem, {@link Fhir#codeSystemUrl}; an option code that
 * more than one question uses is prefixed with the question's code, {@code <question>.<option>} (e.g.
 * {@code Q1_trust_progress.other}), and the CodeSystem's description lists them. Responses store the option code alone.</li>
 * <li>A question's "other" option that takes text has its own item {@code <question>-other-text} ({@code string}), enabled
 * when the question is answered with that option.</li>
 * <li>Before the questions: {@value #SURVEY_RUN} (the run the response is filed in) and the group {@value #RESPONDENT} with
 * {@value #RESPONDENT_ROLE} and {@value #RESPONDENT_REFERENCE}, the fields the REST API takes when a response is started.</li>
 * </ul>
 */
public final class SurveyQuestionnaire {
    public static final String ID_PREFIX = "survey-";
    public static final String SURVEY_RUN = "survey-run";
    public static final String RESPONDENT = "respondent";
    public static final String RESPONDENT_ROLE = "respondent-role";
    public static final String RESPONDENT_REFERENCE = "respondent-reference";
    public static final String OTHER_TEXT = "-other-text";
    /** Roles offered for {@value #RESPONDENT_ROLE}; any other role code is answered as a string (the item is open-choice). */
    public static final String ROLE_SYSTEM = Fhir.CANONICAL_BASE + "/CodeSystem/survey-respondent-role";
    public static final String PUBLISHER = "NHS England";

    static final String MAX_OCCURS = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs";
    static final String REGEX = "http://hl7.org/fhir/StructureDefinition/regex";
    static final String PROVISIONAL = "provisional";
    /** FHIR ids: at most 64 of [A-Za-z0-9-.]. */
    private static final int ID_MAX = 64;
    /** The limit of an answer's "other" text ({@code SurveyAnswer.otherText}). */
    private static final int OTHER_TEXT_MAX = 1000;
    private static final Map<String, String> ROLES = roles();

    private final String instrumentId;
    private final int version;
    private final String id;
    private final String system;
    private final SurveyDefinition definition;
    private final Questionnaire questionnaire;
    /** Question code → option code → FHIR code, and back. */
    private final Map<String, Map<String, String>> toFhir = new HashMap<>();
    private final Map<String, Map<String, String>> fromFhir = new HashMap<>();
    private final Set<String> prefixed;

    private SurveyQuestionnaire(String instrumentId, int version, Instant publishedAt, SurveyDefinition definition) {
        this.instrumentId = instrumentId;
        this.version = version;
        this.id = id(instrumentId, version);
        this.system = Fhir.codeSystemUrl(id);
        this.definition = definition;
        this.prefixed = clashing(definition);
        for (Question q : definition.questions()) {
            Map<String, String> to = new LinkedHashMap<>();
            Map<String, String> from = new HashMap<>();
            for (Option o : options(q)) {
                String code = prefixed.contains(o.code()) ? q.code() + "." + o.code() : o.code();
                to.put(o.code(), code);
                from.put(code, o.code());
            }
            toFhir.put(q.code(), to);
            fromFhir.put(q.code(), from);
        }
        this.questionnaire = build(publishedAt);
    }

    /** The Questionnaire of a published version. */
    public static SurveyQuestionnaire of(String instrumentId, int version, Instant publishedAt, SurveyDefinition definition) {
        return new SurveyQuestionnaire(instrumentId, version, publishedAt, definition);
    }

    /**
     * The Questionnaire id of a survey version: {@code survey-<instrumentId>-v<version>}. Characters FHIR ids do not allow
     * become {@code -}; an id longer than 64 keeps the start of the instrument id and a hash of all of it.
     */
    public static String id(String instrumentId, int version) {
        String safe = instrumentId.replaceAll("[^A-Za-z0-9.-]", "-");
        String suffix = "-v" + version;
        String id = ID_PREFIX + safe + suffix;
        if (id.length() <= ID_MAX && safe.equals(instrumentId)) {
            return id;
        }
        String hash = hash(instrumentId);
        int keep = Math.min(safe.length(), ID_MAX - ID_PREFIX.length() - suffix.length() - hash.length() - 1);
        return ID_PREFIX + safe.substring(0, keep) + "-" + hash + suffix;
    }

    public String instrumentId() {
        return instrumentId;
    }

    public int version() {
        return version;
    }

    public String id() {
        return id;
    }

    public String url() {
        return Fhir.questionnaireUrl(id);
    }

    /** What a QuestionnaireResponse names in {@code questionnaire}: {@code url|version}. */
    public String canonical() {
        return url() + "|" + version;
    }

    public SurveyDefinition definition() {
        return definition;
    }

    /** Option codes written with their question code because they mean different things in different questions. */
    public Set<String> prefixedCodes() {
        return prefixed;
    }

    /** The Questionnaire (a copy: the caller may change it). */
    public Questionnaire resource() {
        return questionnaire.copy();
    }

    /** The coding of a question's option. */
    public Coding coding(String questionCode, String optionCode) {
        Question q = definition.question(questionCode).orElseThrow();
        String code = toFhir.get(questionCode).getOrDefault(optionCode, optionCode);
        String display = options(q).stream().filter(o -> o.code().equals(optionCode)).map(Option::text).findFirst().orElse(null);
        return new Coding(system, code, display);
    }

    // ---- QuestionnaireResponse → the service's fields -------------------------------------------------------------------

    /** The run the response is filed in ({@value #SURVEY_RUN}), or null. */
    public static String runId(QuestionnaireResponse r) {
        return Responses.string(r.getItem(), SURVEY_RUN).map(String::trim).orElse(null);
    }

    /** The respondent's role: a coding of the offered roles or any role code as a string; null when not given. */
    public static String role(QuestionnaireResponse r) {
        for (Type v : Responses.values(r.getItem(), RESPONDENT_ROLE)) {
            if (v instanceof Coding c) {
                return c.getCode();
            }
            if (v instanceof StringType s) {
                return s.getValue() == null ? null : s.getValue().trim();
            }
        }
        return null;
    }

    public static String reference(QuestionnaireResponse r) {
        return Responses.string(r.getItem(), RESPONDENT_REFERENCE).map(String::trim).orElse(null);
    }

    /** The answers, keyed by question code, as the REST API takes them; unanswered questions are absent. */
    public TreeMap<String, SurveyAnswer> answers(QuestionnaireResponse r) {
        List<QuestionnaireResponseItemComponent> items = r.getItem();
        TreeMap<String, SurveyAnswer> answers = new TreeMap<>();
        for (Question q : definition.questions()) {
            List<Type> values = Responses.values(items, q.code());
            String other = Responses.string(items, q.code() + OTHER_TEXT).orElse(null);
            SurveyAnswer a = switch (q.type()) {
                case SINGLE_CHOICE, LIKERT -> values.isEmpty() ? null : new SurveyAnswer(optionCode(q, values.get(0)), null, other, null);
                case MULTI_CHOICE -> values.isEmpty() ? null : new SurveyAnswer(null, values.stream().map(v -> optionCode(q, v)).toList(), other, null);
                case FREE_TEXT -> Responses.string(items, q.code()).map(text -> new SurveyAnswer(null, null, null, text)).orElse(null);
            };
            if (a == null && other != null) {
                a = new SurveyAnswer(null, null, other, null);
            }
            if (a != null) {
                answers.put(q.code(), a);
            }
        }
        return answers;
    }

    private String optionCode(Question q, Type v) {
        if (v instanceof Coding c) {
            return system.equals(c.getSystem()) ? fromFhir.get(q.code()).getOrDefault(c.getCode(), c.getCode()) : c.getCode();
        }
        return v.primitiveValue();
    }

    // ---- the service's fields → QuestionnaireResponse items -------------------------------------------------------------

    /**
     * The items of a response, nested as the Questionnaire's: the run, the respondent (its reference only when given) and
     * every answered question; unanswered items and empty groups are left out.
     */
    public List<QuestionnaireResponseItemComponent> items(String runId, String role, String reference, Map<String, SurveyAnswer> answers) {
        Map<String, List<Type>> values = new HashMap<>();
        put(values, SURVEY_RUN, runId == null ? null : new StringType(runId));
        put(values, RESPONDENT_REFERENCE, reference == null ? null : new StringType(reference));
        if (role != null) {
            put(values, RESPONDENT_ROLE, ROLES.containsKey(role) ? new Coding(ROLE_SYSTEM, role, ROLES.get(role)) : new StringType(role));
        }
        for (Question q : definition.questions()) {
            SurveyAnswer a = answers.get(q.code());
            if (a == null) {
                continue;
            }
            switch (q.type()) {
                case SINGLE_CHOICE, LIKERT -> put(values, q.code(), a.option() == null ? null : coding(q.code(), a.option()));
                case MULTI_CHOICE -> (a.options() == null ? List.<String>of() : a.options()).forEach(o -> put(values, q.code(), coding(q.code(), o)));
                case FREE_TEXT -> put(values, q.code(), a.text() == null || a.text().isBlank() ? null : new StringType(a.text()));
            }
            if (a.otherText() != null && !a.otherText().isBlank()) {
                put(values, q.code() + OTHER_TEXT, new StringType(a.otherText()));
            }
        }
        return mirror(questionnaire.getItem(), values);
    }

    private static void put(Map<String, List<Type>> values, String linkId, Type value) {
        if (value != null) {
            values.computeIfAbsent(linkId, k -> new ArrayList<>()).add(value);
        }
    }

    private static List<QuestionnaireResponseItemComponent> mirror(List<QuestionnaireItemComponent> defs, Map<String, List<Type>> values) {
        List<QuestionnaireResponseItemComponent> out = new ArrayList<>();
        for (QuestionnaireItemComponent def : defs) {
            QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(def.getLinkId()).setText(def.getText());
            if (def.getType() == QuestionnaireItemType.GROUP) {
                List<QuestionnaireResponseItemComponent> children = mirror(def.getItem(), values);
                if (!children.isEmpty()) {
                    out.add(item.setItem(children));
                }
            } else if (values.containsKey(def.getLinkId())) {
                values.get(def.getLinkId()).forEach(v -> item.addAnswer().setValue(v.copy()));
                out.add(item);
            }
        }
        return out;
    }

    // ---- generation -----------------------------------------------------------------------------------------------------

    private Questionnaire build(Instant publishedAt) {
        Questionnaire q = new Questionnaire();
        q.setId(id);
        q.setUrl(url());
        q.setVersion(Integer.toString(version));
        q.setName(name(instrumentId, version));
        q.setTitle(definition.label());
        q.setStatus(PublicationStatus.ACTIVE);
        q.setPublisher(PUBLISHER);
        q.addSubjectType("Organization");
        if (publishedAt != null) {
            q.setDate(Date.from(publishedAt));
            q.getMeta().setLastUpdated(Date.from(publishedAt));
        }
        if (definition.notes() != null) {
            q.setDescription(definition.notes());
        }
        q.addContained(codeSystem(publishedAt));
        q.addContained(roleSystem());

        q.addItem(text(SURVEY_RUN, "The survey run (collection window) the response is filed in", QuestionnaireItemType.STRING, true, Params.SLUG_MAX,
                Params.SLUG));
        QuestionnaireItemComponent respondent = q.addItem().setLinkId(RESPONDENT).setText("Respondent").setType(QuestionnaireItemType.GROUP)
                .setRequired(true);
        QuestionnaireItemComponent role = text(RESPONDENT_ROLE, "The respondent's role: one of these, or another role code "
                + "(lower-case letters and _)", QuestionnaireItemType.OPENCHOICE, true, 50, ResponseResource.ROLE);
        ROLES.forEach((code, display) -> role.addAnswerOption().setValue(new Coding(ROLE_SYSTEM, code, display)));
        respondent.addItem(role);
        respondent.addItem(text(RESPONDENT_REFERENCE, "The answering system's own reference for the person, when one system answers for "
                + "several people (the same on every call for one response)", QuestionnaireItemType.STRING, false, Params.REFERENCE_MAX,
                Params.REFERENCE));

        for (Question question : definition.questions()) {
            q.addItem(item(question));
            if (question.otherOptionCode() != null && question.isChoice()) {
                Option other = options(question).stream().filter(o -> o.code().equals(question.otherOptionCode())).findFirst().orElseThrow();
                QuestionnaireItemComponent text = new QuestionnaireItemComponent().setLinkId(question.code() + OTHER_TEXT)
                        .setText(other.text() + ": please say").setType(QuestionnaireItemType.STRING).setRequired(false)
                        .setMaxLength(OTHER_TEXT_MAX);
                text.addEnableWhen().setQuestion(question.code()).setOperator(QuestionnaireItemOperator.EQUAL)
                        .setAnswer(coding(question.code(), other.code()));
                q.addItem(text);
            }
        }
        return q;
    }

    private QuestionnaireItemComponent item(Question question) {
        QuestionnaireItemComponent item = new QuestionnaireItemComponent().setLinkId(question.code()).setText(question.text())
                .setRequired(question.required());
        switch (question.type()) {
            case SINGLE_CHOICE, LIKERT -> item.setType(QuestionnaireItemType.CHOICE);
            case MULTI_CHOICE -> {
                item.setType(QuestionnaireItemType.CHOICE).setRepeats(true);
                if (question.maxChoices() != null) {
                    item.addExtension(MAX_OCCURS, new IntegerType(question.maxChoices()));
                }
            }
            case FREE_TEXT -> item.setType(QuestionnaireItemType.TEXT).setMaxLength(question.textLimit());
        }
        for (Option o : options(question)) {
            item.addAnswerOption().setValue(coding(question.code(), o.code()));
        }
        return item;
    }

    private static QuestionnaireItemComponent text(String linkId, String text, QuestionnaireItemType type, boolean required, int maxLength,
            String regex) {
        QuestionnaireItemComponent item = new QuestionnaireItemComponent().setLinkId(linkId).setText(text).setType(type).setRequired(required)
                .setMaxLength(maxLength);
        item.addExtension(REGEX, new StringType("^" + regex + "$"));
        return item;
    }

    private CodeSystem codeSystem(Instant publishedAt) {
        CodeSystem cs = new CodeSystem();
        cs.setId("options");
        cs.setUrl(system).setVersion(Integer.toString(version)).setName(name(instrumentId, version) + "Options")
                .setTitle("Answer options of " + definition.label()).setStatus(PublicationStatus.ACTIVE).setPublisher(PUBLISHER)
                .setCaseSensitive(true).setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        if (publishedAt != null) {
            cs.setDate(Date.from(publishedAt));
        }
        String description = "Every answer option of the survey's questions, by the option code the REST API uses.";
        if (!prefixed.isEmpty()) {
            description += " These option codes are used by more than one question, so each is written here with its question's code "
                    + "as <question>.<option> (the REST API and events use the option code alone): " + String.join(", ", prefixed) + ".";
        }
        cs.setDescription(description);
        cs.addProperty().setCode(PROVISIONAL).setType(CodeSystem.PropertyType.BOOLEAN)
                .setDescription("The option is not confirmed by a published source of the survey");
        Set<String> added = new LinkedHashSet<>();
        for (Question q : definition.questions()) {
            for (Option o : options(q)) {
                String code = toFhir.get(q.code()).get(o.code());
                if (added.add(code)) {
                    CodeSystem.ConceptDefinitionComponent concept = cs.addConcept().setCode(code).setDisplay(o.text());
                    if (o.provisional()) {
                        concept.addProperty().setCode(PROVISIONAL).setValue(new BooleanType(true));
                    }
                }
            }
        }
        cs.setCount(added.size());
        return cs;
    }

    private static CodeSystem roleSystem() {
        CodeSystem cs = new CodeSystem();
        cs.setId("respondent-roles");
        cs.setUrl(ROLE_SYSTEM).setVersion("1").setName("SurveyRespondentRoles").setTitle("Roles of survey respondents")
                .setStatus(PublicationStatus.ACTIVE).setPublisher(PUBLISHER).setCaseSensitive(true)
                .setContent(CodeSystem.CodeSystemContentMode.FRAGMENT)
                .setDescription("Common roles of the people answering; any other role code (lower-case letters and _) is also taken");
        ROLES.forEach((code, display) -> cs.addConcept().setCode(code).setDisplay(display));
        return cs;
    }

    /** Option codes that more than one question uses: each is written with its question's code, so a coding names one option. */
    private static Set<String> clashing(SurveyDefinition definition) {
        Map<String, Integer> uses = new HashMap<>();
        for (Question q : definition.questions()) {
            options(q).stream().map(Option::code).distinct().forEach(code -> uses.merge(code, 1, Integer::sum));
        }
        Set<String> clashing = new TreeSet<>();
        uses.forEach((code, n) -> {
            if (n > 1) {
                clashing.add(code);
            }
        });
        return java.util.Collections.unmodifiableSet(clashing);
    }

    private static List<Option> options(Question q) {
        return q.options() == null ? List.of() : q.options();
    }

    /** A computer-friendly name: letters and digits only, starting with a capital. */
    private static String name(String instrumentId, int version) {
        StringBuilder sb = new StringBuilder("Survey");
        for (String part : instrumentId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.append("V").append(version).toString();
    }

    private static Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("chief_executive", "Chief executive");
        roles.put("chair", "Chair");
        roles.put("director_of_improvement", "Director of improvement");
        return java.util.Collections.unmodifiableMap(roles);
    }

    private static String hash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
