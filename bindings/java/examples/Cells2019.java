import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xxgk.model.edition2019.AnnualReport;
import org.xxgk.model.edition2019.CellValue;
import org.xxgk.model.edition2019.Cells;
import org.xxgk.model.edition2019.Json;

/**
 * Reading a report in the 2019 format (reports on 2019 and 2020) with the package
 * {@code org.xxgk.model.edition2019}: print every cell of its tables, one {@code pointer TAB value}
 * line each with the value as JSON (本年增/减 signed, 采购总金额 the published text with its unit).
 * With {@code --json} it prints the report serialised again instead. A report of the 2021 format
 * is refused: its {@code edition} is not the 2019 edition's.
 *
 * <p>Run: {@code bindings/java/build.sh}, then
 * {@code java -cp <the classpath it prints> Cells2019 conformance/base/realistic-2019.json}.
 */
public final class Cells2019 {
    private Cells2019() {}

    private static final ObjectMapper MAPPER = Json.newMapper();

    /**
     * Entry point.
     *
     * @param args {@code [--json] FILE}
     * @throws IOException when stdout fails
     */
    public static void main(String[] args) throws IOException {
        boolean json = args.length > 0 && args[0].equals("--json");
        int fileArg = json ? 1 : 0;
        if (args.length != fileArg + 1) {
            System.err.println("usage: Cells2019 [--json] FILE");
            System.exit(2);
        }
        String path = args[fileArg];
        AnnualReport report;
        try {
            report = Json.read(Files.readString(Path.of(path)));
        } catch (IOException e) {
            System.err.println(path + ": not a canonical 2019-format report: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out =
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (json) {
            out.println(Json.write(report));
            return;
        }
        List<CellValue> values = Cells.values(report);
        for (int i = 0; i < values.size(); i++) {
            CellValue cell = values.get(i);
            String value;
            if (cell instanceof CellValue.Count count) {
                value = count.value().toString();
            } else if (cell instanceof CellValue.Signed change) {
                value = Long.toString(change.value());
            } else if (cell instanceof CellValue.Published amount) {
                value = MAPPER.writeValueAsString(amount.value());
            } else {
                throw new IllegalStateException("a cell of an unknown kind: " + cell);
            }
            out.println(Cells.ALL.get(i).pointer() + "\t" + value);
        }
    }
}
