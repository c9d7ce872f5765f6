package io.albtarget.check;

/**
 * Thrown at startup with {@code alb.self-check=fail} when the self-check found a problem the ALB would punish; the
 * message holds the whole report.
 */
public final class SelfCheckFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Report report;

    SelfCheckFailedException(Report report) {
        super(report.summary() + System.lineSeparator() + report.toText());
        this.report = report;
    }

    /** The report with the failed findings. */
    public Report report() {
        return report;
    }
}
