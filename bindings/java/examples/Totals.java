import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xxgk.model.AnnualReport;
import org.xxgk.model.Applications;
import org.xxgk.model.CellValue;
import org.xxgk.model.Cells;
import org.xxgk.model.Json;
import org.xxgk.model.ReviewLitigation;

/**
 * An integrator's first program in Java: load a canonical report with the generated types and
 * print its totals, exactly as {@code cargo run --example totals} does. With {@code --json} it
 * prints the report serialised again instead (a round trip that keeps every number exact).
 *
 * <p>Run: {@code bindings/java/build.sh}, then the command it prints.
 */
public final class Totals {
    private Totals() {}

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
            System.err.println("usage: Totals [--json] FILE");
            System.exit(2);
        }
        String path = args[fileArg];
        AnnualReport report;
        try {
            report = Json.read(Files.readString(Path.of(path)));
        } catch (IOException e) {
            System.err.println(path + ": not a canonical 2021 report: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out =
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (json) {
            out.println(Json.write(report));
            return;
        }

        Applications apps = report.applications();
        ReviewLitigation cases = report.reviewLitigation();
        out.println(report.metadata().organ().name() + " — " + report.metadata().reportYear() + " 年度");
        out.println("新收申请 new applications        " + apps.newReceived().total());
        out.println("上年结转 carried over            " + apps.carriedOver().total());
        out.println("办理完毕 concluded               " + apps.results().total().total());
        out.println("结转下年 carried forward         " + apps.carriedForward().total());
        out.println("行政复议 administrative reviews  " + cases.review().total());
        BigInteger lawsuits = cases.litigationDirect().total().add(cases.litigationAfterReview().total());
        out.println("行政诉讼 lawsuits                " + lawsuits);
        out.println("行政事业性收费 fees (万元)       " + report.activeDisclosure().fees().amountWanYuan());

        // Every cell, with its Chinese label path, through the generated cell table.
        long nonzero = Cells.values(report).stream()
                .filter(value -> !(value instanceof CellValue.Count count && count.value().signum() == 0))
                .count();
        out.println(nonzero + " of " + Cells.ALL.size() + " cells are non-zero");
    }
}
