package uk.nhs.impact.reporting.profile;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Which baseline collection and survey run belong to a cycle: the one whose reference date falls within the financial
 * year (the latest, then the first by id, when there are several). A collection known only from its returns takes their
 * latest reference date, as the baseline views do.
 */
@ApplicationScoped
public class ProfileSources {
    /** A collection or run and its reference date. */
    public record Source(String id, LocalDate referenceDate) {
    }

    /** The cycle's sources and the date the profile reads the hierarchy at (the latest of their reference dates). */
    public record Sources(ProfileCycle cycle, Optional<Source> baseline, Optional<Source> survey, LocalDate asOf) {
    }

    public Uni<Sources> of(SqlClient db, ProfileCycle cycle) {
        Tuple range = Tuple.of(cycle.firstDay(), cycle.lastDay());
        Uni<Optional<Source>> baseline = db.preparedQuery("""
                select id, ref from (
                    select collection_id as id, reference_date as ref from baseline_collection
                    union all
                    select collection_id, max(reference_date) from baseline_return
                    where collection_id not in (select collection_id from baseline_collection) group by collection_id) s
                where ref between $1 and $2 order by ref desc, id limit 1""").execute(range).map(ProfileSources::first);
        Uni<Optional<Source>> survey = db.preparedQuery("""
                select run_id, reference_date from survey_run where reference_date between $1 and $2
                order by reference_date desc, run_id limit 1""").execute(range).map(ProfileSources::first);
        Uni<LocalDate> assessed = db.preparedQuery("select max(reference_date) from assessment_record where cycle = $1")
                .execute(Tuple.of(cycle.name())).map(rows -> rows.iterator().next().getLocalDate(0));
        return Uni.combine().all().unis(baseline, survey, assessed).asTuple().map(t -> {
            LocalDate asOf = t.getItem3();
            for (Optional<Source> s : java.util.List.of(t.getItem1(), t.getItem2())) {
                if (s.isPresent() && (asOf == null || s.get().referenceDate().isAfter(asOf))) {
                    asOf = s.get().referenceDate();
                }
            }
            return new Sources(cycle, t.getItem1(), t.getItem2(), asOf == null ? cycle.midYear() : asOf);
        });
    }

    private static Optional<Source> first(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        return Optional.of(new Source(r.getString(0), r.getLocalDate(1)));
    }
}
