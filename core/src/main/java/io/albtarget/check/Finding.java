package io.albtarget.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One observation of the self-check: which check ({@link #id()}), how it bears on the target ({@link #severity()}),
 * the ALB symptom it predicts, a one-sentence message, the evidence (what was sent, what came back) and the fix.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Finding {

    private final String id;
    private final Severity severity;
    private final String symptom;
    private final String message;
    private final List<String> evidence;
    private final String fix;

    private Finding(String id, Severity severity, String symptom, String message, List<String> evidence, String fix) {
        this.id = Objects.requireNonNull(id, "'id' must not be null");
        this.severity = severity;
        this.symptom = symptom;
        this.message = Objects.requireNonNull(message, "'message' must not be null");
        this.evidence = List.copyOf(evidence);
        this.fix = fix;
    }

    /** The check passed. */
    public static Finding pass(String id, String message) {
        return new Finding(id, Severity.PASS, "", message, List.of(), "");
    }

    /** A risk: the target works, but the symptom may show. */
    public static Finding warn(String id, String symptom, String message) {
        return new Finding(id, Severity.WARN, symptom, message, List.of(), "");
    }

    /** The ALB will show the symptom, e.g. {@code Target.ResponseCodeMismatch} or {@code HTTP 502}. */
    public static Finding fail(String id, String symptom, String message) {
        return new Finding(id, Severity.FAIL, symptom, message, List.of(), "");
    }

    /** The check could not run, for the reason given. */
    public static Finding skip(String id, String reason) {
        return new Finding(id, Severity.SKIP, "", reason, List.of(), "");
    }

    /** This finding with more lines of evidence. */
    public Finding evidence(String... lines) {
        List<String> more = new ArrayList<>(evidence);
        more.addAll(Arrays.asList(lines));
        return new Finding(id, severity, symptom, message, more, fix);
    }

    /** This finding with the fix: the property or server setting to change. */
    public Finding fix(String howToFix) {
        return new Finding(id, severity, symptom, message, evidence, howToFix);
    }

    /** The check's stable id, e.g. {@code health-path}. */
    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** The ALB symptom, e.g. {@code Target.Timeout} or {@code HTTP 502}; empty when none. */
    public String symptom() {
        return symptom;
    }

    /** One sentence that names what was seen. */
    public String message() {
        return message;
    }

    /** What was sent and what came back (or an empty list). */
    public List<String> evidence() {
        return evidence;
    }

    /** What to change; empty when nothing. */
    public String fix() {
        return fix;
    }

    /** {@code FAIL health-path: message -> symptom}, on one line. */
    @Override
    public String toString() {
        return severity + " " + id + ": " + message + (symptom.isEmpty() ? "" : " -> " + symptom);
    }
}
