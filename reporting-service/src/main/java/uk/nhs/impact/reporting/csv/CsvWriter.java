package uk.nhs.impact.reporting.csv;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code Accept: text/csv} on any report: RFC 4180, UTF-8 with a byte-order mark so Excel reads it as UTF-8.
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
        StringBuilder sb = new StringBuilder();
        line(sb, table.csvHeader());
        for (List<Object> row : table.csvRows()) {
            line(sb, row);
        }
        return sb.toString();
    }

    /** One cell as it is written: neutralised when it is text that a spreadsheet would take for a formula, quoted as RFC 4180 needs. */
    public static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (value instanceof Number && PLAIN_NUMBER.matcher(text).matches()) {
            return text;
        }
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return "\"'" + text.replace("\"", "\"\"") + "\"";
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static void line(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append("\r\n");
    }
}
