package io.albtarget.check;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The findings of one self-check of one target, in the order the checks ran, with renderings for people
 * ({@link #toText()}), logs ({@link #summary()}) and machines ({@link #toJson()}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Report {

    private static final int ID_WIDTH = 26;

    private final String target;
    private final List<Finding> findings;

    private Report(String target, List<Finding> findings) {
        this.target = target;
        this.findings = List.copyOf(findings);
    }

    /**
     * A report of a target.
     *
     * @param target what was checked and how, e.g. {@code 127.0.0.1:8080 (HTTP /health, matcher 200, timeout 5s)}
     */
    public static Report of(String target, List<Finding> findings) {
        Objects.requireNonNull(target, "'target' must not be null");
        return new Report(target, findings);
    }

    /** This report with more findings after its own. */
    public Report with(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new Report(target, all);
    }

    /** What was checked and how. */
    public String target() {
        return target;
    }

    /** The findings in the order the checks ran (or an empty list). */
    public List<Finding> findings() {
        return findings;
    }

    /** Whether any finding is a {@link Severity#FAIL}. */
    public boolean hasFailures() {
        return count(Severity.FAIL) > 0;
    }

    /** How many findings have a severity. */
    public int count(Severity severity) {
        return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** One line: {@code albtarget self-check of TARGET: 5 PASS, 1 WARN, 1 FAIL (health-path, keep-alive)}. */
    public String summary() {
        Map<Severity, List<String>> ids = new EnumMap<>(Severity.class);
        findings.forEach(f -> ids.computeIfAbsent(f.severity(), s -> new ArrayList<>()).add(f.id()));
        StringBuilder line = new StringBuilder("albtarget self-check of ").append(target).append(": ");
        List<String> parts = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            List<String> of = ids.getOrDefault(severity, List.of());
            if (!of.isEmpty()) {
                parts.add(of.size() + " " + severity + (severity == Severity.PASS ? "" : " (" + String.join(", ", of)
                        + ")"));
            }
        }
        return line.append(parts.isEmpty() ? "nothing checked" : String.join(", ", parts)).toString();
    }

    /**
     * The report for people: a title line, then per finding its severity, id, message and symptom, with evidence
     * and fix on indented lines.
     */
    public String toText() {
        StringBuilder text = new StringBuilder("albtarget self-check of ").append(target).append('\n');
        String indent = " ".repeat(5 + ID_WIDTH);
        for (Finding f : findings) {
            text.append(String.format(Locale.ROOT, "%-4s %-" + ID_WIDTH + "s%s", f.severity(), f.id(), f.message()));
            if (!f.symptom().isEmpty()) {
                text.append(" -> ").append(f.symptom());
            }
            text.append('\n');
            if (f.severity() != Severity.PASS) {
                f.evidence().forEach(line -> text.append(indent).append(line).append('\n'));
            }
            if (!f.fix().isEmpty()) {
                text.append(indent).append("fix: ").append(f.fix()).append('\n');
            }
        }
        return text.append(summaryCounts()).append('\n').toString();
    }

    private String summaryCounts() {
        return String.format(Locale.ROOT, "%d PASS, %d WARN, %d FAIL, %d SKIP", count(Severity.PASS),
                count(Severity.WARN), count(Severity.FAIL), count(Severity.SKIP));
    }

    /**
     * The report as a JSON object: {@code target}, {@code verdict} ({@code PASS}, {@code WARN} or {@code FAIL}),
     * {@code counts} per severity, and {@code findings}, each with {@code id}, {@code severity}, {@code symptom},
     * {@code message}, {@code evidence} (an array) and {@code fix}.
     */
    public String toJson() {
        Json json = new Json();
        json.open('{').key("target").value(target).key("verdict").value(verdict()).key("counts").open('{');
        for (Severity severity : Severity.values()) {
            json.key(severity.name().toLowerCase(Locale.ROOT)).value(count(severity));
        }
        json.close('}').key("findings").open('[');
        for (Finding f : findings) {
            json.open('{').key("id").value(f.id()).key("severity").value(f.severity().name())
                    .key("symptom").value(f.symptom()).key("message").value(f.message()).key("evidence").open('[');
            f.evidence().forEach(json::value);
            json.close(']').key("fix").value(f.fix()).close('}');
        }
        return json.close(']').close('}').toString();
    }

    private String verdict() {
        return hasFailures() ? "FAIL" : count(Severity.WARN) > 0 ? "WARN" : "PASS";
    }

    /** The same as {@link #summary()}. */
    @Override
    public String toString() {
        return summary();
    }
}
