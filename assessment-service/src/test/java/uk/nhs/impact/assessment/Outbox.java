package uk.nhs.impact.assessment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What the service wrote to its outbox for one assessment, in the order written: exactly what the relay publishes. */
final class Outbox {
    private Outbox() {
    }

    /** One outbox row: the event's type and its payload as JSON text. */
    record Event(String type, String payload) {
    }

    static List<Event> of(DataSource db, String assessmentId) throws SQLException {
        List<Event> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select event_type, payload::text from outbox_event where payload ->> 'assessmentId' = ? order by seq")) {
            s.setString(1, assessmentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }
}
