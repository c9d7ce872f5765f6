package io.albtarget.compat.matrix;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the matrix saw in this run: each contract item's result per server, with albtarget and for the baseline, and
 * each emulator scenario's failed-request count; rendered as Markdown once the run ends.
 */
final class MatrixReport {

    /** The run's report, filled by the matrix's test classes, which run in one JVM. */
    static final MatrixReport RUN = new MatrixReport();

    /** One contract item's result on one server. */
    enum Result {
        PASS("pass"), FAIL("**FAIL**"), SKIP("skip");

        private final String shown;

        Result(String shown) {
            this.shown = shown;
        }
    }

    /** How many of all the requests sent, in one section on one server. */
    record Count(int failed, int total) {
        @Override
        public String toString() {
            return failed + " of " + total;
        }
    }

    private final Map<String, Map<Server, Map<Mode, Result>>> items = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    private final Map<String, String> rows = new LinkedHashMap<>();
    private final Map<String, Map<Server, Map<Mode, Count>>> counts = new LinkedHashMap<>();

    synchronized void item(String item, Server server, Mode mode, Result result) {
        items.computeIfAbsent(item, i -> new EnumMap<>(Server.class))
                .computeIfAbsent(server, s -> new EnumMap<>(Mode.class)).put(mode, result);
    }

    /** A count in a section of its own: what was counted (the row) on one server in one mode. */
    synchronized void count(String section, String description, String row, Server server, Mode mode, Count count) {
        descriptions.put(section, description);
        rows.put(section, row);
        counts.computeIfAbsent(section, s -> new EnumMap<>(Server.class))
                .computeIfAbsent(server, s -> new EnumMap<>(Mode.class)).put(mode, count);
    }

    synchronized boolean isEmpty() {
        return items.isEmpty() && counts.isEmpty();
    }

    synchronized String markdown() {
        StringBuilder md = new StringBuilder("""
                # Compatibility

                Every server albtarget supports, run by this build (`compat-tests`, `mvn verify`) with albtarget and,
                as the baseline, the same application on the same server without albtarget, at the server's defaults
                with its idle timeout scaled as the ALB's is (the ALB's 60 s idle timeout is played as 2 s, so
                Jetty's 30 s becomes 1 s). The build writes this page to `compat-tests/target/compat-matrix.md`.
                """);
        if (!items.isEmpty()) {
            md.append("\n## The ALB contract\n\n`AlbContractTests`, the kit's contract tests, against each server."
                    + " Each cell: with albtarget / baseline. A baseline fails the health items where nothing answers"
                    + " the health-check path `/health` at the defaults (Micronaut's management endpoint does), and"
                    + " the drain item because its health fails from the start or never fails before it stops; it"
                    + " skips the hanging"
                    + " dependency, which only albtarget's health answer has.\n\n");
            md.append(header("Item"));
            items.forEach((item, results) -> {
                md.append("| ").append(item.replace("|", "\\|"));
                for (Server server : Server.values()) {
                    Map<Mode, Result> cell = results.getOrDefault(server, Map.of());
                    md.append(" | ").append(shown(cell.get(Mode.ALBTARGET))).append(" / ")
                            .append(shown(cell.get(Mode.BASELINE)));
                }
                md.append(" |\n");
            });
        }
        counts.forEach((section, byServer) -> {
            md.append("\n## ").append(section).append("\n\n").append(descriptions.get(section))
                    .append(" Each cell: with albtarget / baseline.\n\n").append(header(""));
            md.append("| ").append(rows.get(section));
            for (Server server : Server.values()) {
                Map<Mode, Count> cell = byServer.getOrDefault(server, Map.of());
                md.append(" | ").append(cell.getOrDefault(Mode.ALBTARGET, null)).append(" / ")
                        .append(cell.getOrDefault(Mode.BASELINE, null));
            }
            md.append(" |\n");
        });
        return md.toString();
    }

    private static String header(String first) {
        StringBuilder header = new StringBuilder("| ").append(first);
        for (Server server : Server.values()) {
            header.append(" | ").append(server);
        }
        return header.append(" |\n|---|").append("---|".repeat(Server.values().length)).append('\n').toString();
    }

    private static String shown(Result result) {
        return result == null ? "-" : result.shown;
    }
}
