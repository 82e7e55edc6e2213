package uk.nhs.impact.baseline.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemOperator;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import uk.nhs.impact.baseline.questionset.QuestionSet;
import uk.nhs.impact.baseline.questionset.QuestionSetDefinition;
import uk.nhs.impact.baseline.returns.AnswerValidator;
import uk.nhs.impact.platform.fhir.Fhir;
import uk.nhs.impact.platform.fhir.Responses;
import uk.nhs.impact.platform.instrument.VersionedInstruments.Entry;

/**
 * A published baseline question set version as a FHIR Questionnaire, generated from the definition the service validates
 * answers against, and the translation between its QuestionnaireResponses and the return's answers (keyed by question code,
 * as the REST API takes them). Its items:
 * <ul>
 * <li>{@value #RETURN}: {@value #COLLECTION}, the collection the return is filed in (required);</li>
 * <li>a group per domain of the definition, in the order the domains first appear (linkId = the domain), holding its
 * questions (linkId = the question code): yes/no as {@code boolean}, free text as {@code text} with its maxLength, single
 * choice as {@code choice}, multiple choice as a repeating {@code choice}; each choice question's answer options are codings
 * of the contained CodeSystem. A question with an "other" option is followed by {@code <code>_other_text} (the REST answer
 * key), enabled when that option is chosen and then required.</li>
 * </ul>
 * An option code used by more than one question is prefixed with the question's code in the CodeSystem
 * ({@code tools_methods_used.OTHER}); the return stores the definition's own code.
 */
public final class BaselineQuestionnaire {
    public static final String PREFIX = "baseline-";
    public static final String RETURN = "return";
    public static final String COLLECTION = "collection";
    public static final String OTHER_TEXT = "_other_text";
    static final String CODE_SEPARATOR = ".";
    private static final Pattern ID = Pattern.compile("baseline-([a-z0-9][a-z0-9.-]*)-v([1-9][0-9]{0,5})");

    private final String orgType;
    private final int version;
    private final String id;
    private final QuestionSetDefinition definition;
    private final Questionnaire questionnaire;
    /** Per choice question, its option codes and the codings they are answered with. */
    private final Map<String, Map<String, Coding>> codings = new HashMap<>();

    /** The Questionnaire id and version that an id names, when it has the shape of one of this service's. */
    public record Name(String orgType, int version) {
    }

    private BaselineQuestionnaire(Entry<QuestionSetDefinition> entry) {
        this.orgType = entry.instrumentId();
        this.version = entry.number();
        this.id = id(orgType, version);
        this.definition = entry.definition();
        this.questionnaire = build(entry);
    }

    public static BaselineQuestionnaire of(Entry<QuestionSetDefinition> entry) {
        return new BaselineQuestionnaire(entry);
    }

    /** {@code baseline-<organisation type>-v<version>}: FHIR id characters only, lower case. */
    public static String id(String orgType, int version) {
        String type = orgType.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        String id = PREFIX + type + "-v" + version;
        if (id.length() > 64) {
            throw new IllegalStateException("Questionnaire id " + id + " is longer than FHIR's 64 characters");
        }
        return id;
    }

    /** The organisation type (as it appears in the id) and version an id names; empty when it is not one of ours. */
    public static Optional<Name> name(String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Name(m.group(1), Integer.parseInt(m.group(2))));
    }

    public String id() {
        return id;
    }

    public String orgType() {
        return orgType;
    }

    public int version() {
        return version;
    }

    /** The question set's name in returns and events ({@code baseline-trust}). */
    public String setId() {
        return definition.id();
    }

    public String url() {
        return Fhir.questionnaireUrl(id);
    }

    /** The canonical a response names: {@code url|version}. */
    public String canonical() {
        return url() + "|" + version;
    }

    /** A copy: callers may change it. */
    public Questionnaire questionnaire() {
        return questionnaire.copy();
    }

    private Questionnaire build(Entry<QuestionSetDefinition> entry) {
        Questionnaire q = new Questionnaire();
        q.setId(id);
        Date published = entry.publishedAt() == null ? null : Date.from(entry.publishedAt());
        q.setMeta(new Meta().setVersionId(Long.toString(entry.etag())).setLastUpdated(published));
        q.setUrl(url()).setVersion(Integer.toString(version)).setName(computerName(definition.id())).setTitle(title(orgType))
                .setStatus(Enumerations.PublicationStatus.ACTIVE).setPublisher("NHS England").setDescription(definition.wordingNote())
                .addSubjectType("Organization").setDate(published);

        String system = Fhir.codeSystemUrl(id);
        CodeSystem options = new CodeSystem();
        options.setId("options");
        options.setUrl(system).setVersion(Integer.toString(version)).setName(computerName(definition.id()) + "Options")
                .setTitle(title(orgType) + ": answer options").setStatus(Enumerations.PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE).setCaseSensitive(true);
        Set<String> clashing = clashingCodes(definition.questions());
        for (QuestionSet.Question question : definition.questions()) {
            for (QuestionSet.Option option : options(question)) {
                String code = clashing.contains(option.code()) ? question.code() + CODE_SEPARATOR + option.code() : option.code();
                options.addConcept().setCode(code).setDisplay(option.text());
                codings.computeIfAbsent(question.code(), k -> new LinkedHashMap<>()).put(option.code(), new Coding(system, code, option.text()));
            }
        }
        q.addContained(options);

        Set<String> linkIds = new HashSet<>();
        QuestionnaireItemComponent about = q.addItem().setLinkId(unique(RETURN, linkIds)).setText("The return").setType(QuestionnaireItemType.GROUP)
                .setRequired(true);
        about.addItem().setLinkId(unique(COLLECTION, linkIds)).setText("The collection the return is filed in (its id)")
                .setType(QuestionnaireItemType.STRING).setRequired(true).setMaxLength(60);

        Map<String, QuestionnaireItemComponent> domains = new LinkedHashMap<>();
        for (QuestionSet.Question question : definition.questions()) {
            QuestionnaireItemComponent group = domains.computeIfAbsent(question.domain(), domain -> q.addItem()
                    .setLinkId(unique(domain, linkIds)).setText(label(domain)).setType(QuestionnaireItemType.GROUP));
            if (question.required()) {
                // a response without the group would otherwise never be asked for the required questions in it
                group.setRequired(true);
            }
            QuestionnaireItemComponent item = group.addItem().setLinkId(unique(question.code(), linkIds)).setText(question.text())
                    .setRequired(question.required());
            switch (question.type()) {
                case "yes_no" -> item.setType(QuestionnaireItemType.BOOLEAN);
                case "single_choice", "multi_choice" -> {
                    item.setType(QuestionnaireItemType.CHOICE).setRepeats("multi_choice".equals(question.type()));
                    codings.getOrDefault(question.code(), Map.of()).values().forEach(c -> item.addAnswerOption().setValue(c.copy()));
                }
                case "free_text" -> item.setType(QuestionnaireItemType.TEXT)
                        .setMaxLength(question.maxLength() == null ? AnswerValidator.DEFAULT_MAX_TEXT : question.maxLength());
                default -> throw new IllegalStateException("Question " + question.code() + " has type " + question.type()
                        + ", which has no FHIR item type here");
            }
            if (question.otherOption() != null) {
                QuestionnaireItemComponent other = group.addItem().setLinkId(unique(question.code() + OTHER_TEXT, linkIds))
                        .setText(question.text() + " Other: please say").setType(QuestionnaireItemType.TEXT).setRequired(true)
                        .setMaxLength(AnswerValidator.DEFAULT_MAX_TEXT);
                other.addEnableWhen().setQuestion(question.code()).setOperator(QuestionnaireItemOperator.EQUAL)
                        .setAnswer(codings.get(question.code()).get(question.otherOption()).copy());
            }
        }
        return q;
    }

    /** The return's answers (keyed by question code, as the REST API takes them) from a response checked against this Questionnaire. */
    public ObjectNode answers(QuestionnaireResponse response, ObjectMapper json) {
        List<QuestionnaireResponseItemComponent> items = response.getItem();
        ObjectNode answers = json.createObjectNode();
        for (QuestionSet.Question question : definition.questions()) {
            String code = question.code();
            List<Type> values = Responses.values(items, code);
            if (values.isEmpty()) {
                continue;
            }
            switch (question.type()) {
                case "yes_no" -> {
                    if (values.get(0) instanceof BooleanType b) {
                        answers.put(code, b.booleanValue());
                    }
                }
                case "single_choice" -> optionCode(code, values.get(0)).ifPresent(o -> answers.put(code, o));
                case "multi_choice" -> {
                    ArrayNode chosen = answers.putArray(code);
                    values.forEach(v -> optionCode(code, v).ifPresent(chosen::add));
                }
                default -> {
                    if (values.get(0) instanceof StringType s) {
                        answers.put(code, s.getValue());
                    }
                }
            }
            if (question.otherOption() != null) {
                Responses.string(items, code + OTHER_TEXT).ifPresent(text -> answers.put(code + OTHER_TEXT, text));
            }
        }
        return answers;
    }

    /** The collection a response names, if it answers {@value #COLLECTION}. */
    public static Optional<String> collection(QuestionnaireResponse response) {
        return Responses.string(response.getItem(), COLLECTION).map(String::trim);
    }

    /** The response's items for a return's answers, nested as in the Questionnaire; unanswered items and empty groups left out. */
    public List<QuestionnaireResponseItemComponent> items(String collectionId, JsonNode answers) {
        return items(questionnaire.getItem(), linkId -> values(linkId, collectionId, answers));
    }

    private static List<QuestionnaireResponseItemComponent> items(List<QuestionnaireItemComponent> defs,
            java.util.function.Function<String, List<Type>> valueOf) {
        List<QuestionnaireResponseItemComponent> out = new ArrayList<>();
        for (QuestionnaireItemComponent def : defs) {
            QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(def.getLinkId());
            if (def.getType() == QuestionnaireItemType.GROUP) {
                item.setItem(items(def.getItem(), valueOf));
                if (!item.getItem().isEmpty()) {
                    out.add(item);
                }
                continue;
            }
            List<Type> values = valueOf.apply(def.getLinkId());
            if (!values.isEmpty()) {
                values.forEach(v -> item.addAnswer().setValue(v));
                out.add(item);
            }
        }
        return out;
    }

    private List<Type> values(String linkId, String collectionId, JsonNode answers) {
        if (COLLECTION.equals(linkId)) {
            return List.of(new StringType(collectionId));
        }
        JsonNode v = answers == null ? null : answers.get(linkId);
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<Type> values = new ArrayList<>();
        Map<String, Coding> options = codings.get(linkId);
        Iterable<JsonNode> all = v.isArray() ? v : List.of(v);
        for (JsonNode one : all) {
            if (one.isBoolean()) {
                values.add(new BooleanType(one.booleanValue()));
            } else if (one.isTextual() && options != null) {
                Coding c = options.get(one.textValue());
                if (c != null) {
                    values.add(c.copy());
                }
            } else if (one.isTextual() && !one.textValue().isBlank()) {
                values.add(new StringType(one.textValue()));
            }
        }
        return values;
    }

    /** The definition's option code a coding of this Questionnaire stands for. */
    private Optional<String> optionCode(String question, Type value) {
        if (!(value instanceof Coding c)) {
            return Optional.empty();
        }
        return codings.getOrDefault(question, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().getSystem().equals(c.getSystem()) && e.getValue().getCode().equals(c.getCode()))
                .map(Map.Entry::getKey).findFirst();
    }

    private static List<QuestionSet.Option> options(QuestionSet.Question question) {
        return question.options() == null ? List.of() : question.options();
    }

    /** Option codes that more than one question uses. */
    private static Set<String> clashingCodes(List<QuestionSet.Question> questions) {
        Map<String, Integer> uses = new HashMap<>();
        for (QuestionSet.Question question : questions) {
            options(question).stream().map(QuestionSet.Option::code).distinct().forEach(code -> uses.merge(code, 1, Integer::sum));
        }
        Set<String> clashing = new HashSet<>();
        uses.forEach((code, n) -> {
            if (n > 1) {
                clashing.add(code);
            }
        });
        return clashing;
    }

    private String unique(String linkId, Set<String> seen) {
        if (!seen.add(linkId)) {
            throw new IllegalStateException("Question set " + definition.id() + " v" + version + " would have two items with linkId "
                    + linkId);
        }
        return linkId;
    }

    /** A computer-friendly name: {@code baseline-trust} becomes {@code BaselineTrust}. */
    static String computerName(String setId) {
        StringBuilder b = new StringBuilder();
        for (String part : setId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    static String title(String orgType) {
        String who = switch (orgType) {
            case "trust" -> "provider";
            case "icb" -> "ICB";
            case "directorate" -> "national directorate";
            default -> orgType.replace('_', ' ');
        };
        return "Baseline for improvement: " + who;
    }

    /** {@code capability} becomes {@code Capability}. */
    private static String label(String domain) {
        String words = domain.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
