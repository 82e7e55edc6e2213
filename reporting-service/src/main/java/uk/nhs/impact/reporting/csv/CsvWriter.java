package uk.nhs.impact.reporting.csv;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code Accept: text/csv} on any report, written with Jackson's CSV generator: RFC 4180, UTF-8 with a byte-order mark so Excel reads it as UTF-8.
 * <p>
 * Cells are neutralised against formula injection as OWASP's CSV injection guidance advises: a text cell that begins with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab (0x09) or a carriage return (0x0D) is prefixed with a single quote and
 * quoted, so a spreadsheet shows it as text and never evaluates it. Numbers the reports compute ({@link Number} cells that
 * render as a plain number, e.g. a negative difference) are not text and are written as they are, so they stay numbers in
 * Excel and Power BI; anything else (names, codes, free text, dates, numbers carried as strings) is treated as text.
 * Commas, double quotes, line breaks and carriage returns are quoted, double quotes doubled.
 */
@Provider
@Produces("text/csv")
public class CsvWriter implements MessageBodyWriter<CsvTable> {
    public static final String MEDIA_TYPE = "text/csv";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String LINE_END = "\r\n";
    private static final CsvFactory CSV = new CsvFactory();
    /** The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** How a number renders: optional minus, digits, optional fraction and exponent. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(CsvTable table, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        headers.putSingle("Content-Type", "text/csv; charset=UTF-8");
        out.write(BOM);
        out.write(render(table).getBytes(StandardCharsets.UTF_8));
    }

    public static String render(CsvTable table) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(table.csvHeader());
        rows.addAll(table.csvRows());
        return write(rows);
    }

    /** One cell as it is written: neutralised when it is text that a spreadsheet would take for a formula, quoted as RFC 4180 needs. */
    public static String cell(Object value) {
        String line = write(List.of(Collections.singletonList(value)));
        return line.substring(0, line.length() - LINE_END.length());
    }

    private static String write(List<List<?>> rows) {
        StringWriter out = new StringWriter();
        try (CsvGenerator csv = CSV.createGenerator(out)) {
            csv.setSchema(CsvSchema.emptySchema().withLineSeparator(LINE_END));
            csv.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
            for (List<?> row : rows) {
                row(csv, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void row(CsvGenerator csv, List<?> cells) throws IOException {
        csv.writeStartArray();
        for (Object value : cells) {
            String text = value == null ? "" : value.toString();
            if (value instanceof Number && PLAIN_NUMBER.matcher(text).matches()) {
                csv.writeNumber(text);
            } else if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
                // shown as text behind a single quote, and quoted so that the quote is part of the cell
                quoted(csv, "'" + text);
            } else if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                // the generator's strict check looks for the row separator, not for a bare line feed
                quoted(csv, text);
            } else {
                csv.writeString(text);
            }
        }
        csv.writeEndArray();
    }

    private static void quoted(CsvGenerator csv, String text) throws IOException {
        csv.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
        csv.writeString(text);
        csv.disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
    }
}
