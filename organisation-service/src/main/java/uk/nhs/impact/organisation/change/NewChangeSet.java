package uk.nhs.impact.organisation.change;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import uk.nhs.impact.platform.hierarchy.ChangeSet;
import uk.nhs.impact.platform.hierarchy.HierarchyChange;
import uk.nhs.impact.platform.hierarchy.OrgLevel;
import uk.nhs.impact.platform.web.Params;

/**
 * A change set as an administrator sends it: the shape of each field is checked here (a 400 naming {@code changes[i].field});
 * whether the changes fit the hierarchy is the platform's {@code ChangeSetValidator}'s to say.
 */
public record NewChangeSet(
        @NotBlank @Size(max = 200) String reference,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid Change> changes) {

    /** One change; kinds and levels in either case, ODS codes too (they are stored upper case). */
    public record Change(
            @NotNull @Size(max = 5) @Pattern(regexp = "OPEN|CLOSE|MERGE|MOVE|open|close|merge|move", message = "must be OPEN, CLOSE, MERGE or MOVE") String kind,
            @NotBlank @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) String odsCode,
            @Size(max = 200) String name,
            @Size(max = 6) @Pattern(regexp = "TRUST|ICB|REGION|trust|icb|region", message = "must be TRUST, ICB or REGION") String level,
            @Pattern(regexp = Params.TYPE) @Size(max = Params.TYPE_MAX) String trustType,
            @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) String parent,
            @Size(max = 50) List<@NotNull @Pattern(regexp = Params.ODS) @Size(max = Params.ODS_MAX) String> predecessors,
            @NotNull LocalDate effective) {

        HierarchyChange toChange() {
            return new HierarchyChange(HierarchyChange.Kind.valueOf(upper(kind)), upper(odsCode), name,
                    level == null ? null : OrgLevel.valueOf(upper(level)), trustType == null ? null : trustType.toLowerCase(Locale.ROOT),
                    upper(parent), predecessors == null ? null : predecessors.stream().map(NewChangeSet::upper).toList(), effective);
        }
    }

    /** The platform's change set, as loaded at {@code at} by {@code loadedBy}. */
    ChangeSet toChangeSet(UUID id, Instant at, String loadedBy) {
        return new ChangeSet(id, reference.strip(), changes.stream().map(Change::toChange).toList(), at, loadedBy);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
