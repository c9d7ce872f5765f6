package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three renderings of a report, and its counts. */
final class ReportTest {

    private static final String INDENT = " ".repeat(31);

    private static final Report MIXED = Report.of("T", List.of(
            Finding.pass("settings", "all good").evidence("evidence of a pass is not printed"),
            Finding.warn("framing.obs-fold", "request desync", "accepted").evidence("sent: x", "got: y")
                    .fix("refuse it"),
            Finding.skip("keep-alive.configured", "not known")));

    @Test
    void countsAndFailuresFollowTheSeverities() {
        assertThat(MIXED.count(Severity.PASS)).isEqualTo(1);
        assertThat(MIXED.count(Severity.WARN)).isEqualTo(1);
        assertThat(MIXED.count(Severity.FAIL)).isZero();
        assertThat(MIXED.count(Severity.SKIP)).isEqualTo(1);
        assertThat(MIXED.hasFailures()).isFalse();

        Report failed = MIXED.with(List.of(Finding.fail("health-path", "Target.Timeout", "slow")));

        assertThat(failed.hasFailures()).isTrue();
        assertThat(failed.count(Severity.FAIL)).isEqualTo(1);
        assertThat(failed.findings()).extracting(Finding::id).containsExactly("settings", "framing.obs-fold",
                "keep-alive.configured", "health-path");
        assertThat(MIXED.findings()).as("with() leaves the report as it was").hasSize(3);
        assertThat(failed.target()).isEqualTo("T");
    }

    @Test
    void findingsCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> MIXED.findings().add(Finding.pass("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void summaryCountsEachSeverityAndNamesAllButPasses() {
        assertThat(MIXED.summary()).isEqualTo("albtarget self-check of T: 1 PASS, 1 WARN (framing.obs-fold),"
                + " 1 SKIP (keep-alive.configured)");
        assertThat(MIXED.with(List.of(Finding.fail("health-path", "", "a"), Finding.fail("host-forms", "", "b")))
                .summary()).contains("2 FAIL (health-path, host-forms)");
        assertThat(MIXED).hasToString(MIXED.summary());
        assertThat(Report.of("T", List.of()).summary()).isEqualTo("albtarget self-check of T: nothing checked");
    }

    @Test
    void textHasATitleAlignedFindingsIndentedEvidenceAndFixAndTheCounts() {
        assertThat(MIXED.toText()).isEqualTo("albtarget self-check of T\n"
                + "PASS settings" + " ".repeat(18) + "all good\n"
                + "WARN framing.obs-fold" + " ".repeat(10) + "accepted -> request desync\n"
                + INDENT + "sent: x\n"
                + INDENT + "got: y\n"
                + INDENT + "fix: refuse it\n"
                + "SKIP keep-alive.configured" + " ".repeat(5) + "not known\n"
                + "1 PASS, 1 WARN, 0 FAIL, 1 SKIP\n");
    }

    @Test
    void jsonHasTargetVerdictCountsAndFindings() {
        Report report = Report.of("127.0.0.1:8080", List.of(
                Finding.fail("health-path", "Target.Timeout", "slow").evidence("sent: a", "got: b").fix("faster"),
                Finding.pass("settings", "ok")));

        assertThat(report.toJson()).isEqualTo("{\"target\":\"127.0.0.1:8080\",\"verdict\":\"FAIL\","
                + "\"counts\":{\"pass\":1,\"warn\":0,\"fail\":1,\"skip\":0},\"findings\":["
                + "{\"id\":\"health-path\",\"severity\":\"FAIL\",\"symptom\":\"Target.Timeout\",\"message\":\"slow\","
                + "\"evidence\":[\"sent: a\",\"got: b\"],\"fix\":\"faster\"},"
                + "{\"id\":\"settings\",\"severity\":\"PASS\",\"symptom\":\"\",\"message\":\"ok\","
                + "\"evidence\":[],\"fix\":\"\"}]}");
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        Report report = Report.of("say \"hi\" in C:\\dir", List.of(
                Finding.warn("w", "", "line1\nline2\r\ttab \u0001 \u001f \u007f end")));

        assertThat(report.toJson()).isEqualTo("{\"target\":\"say \\\"hi\\\" in C:\\\\dir\",\"verdict\":\"WARN\","
                + "\"counts\":{\"pass\":0,\"warn\":1,\"fail\":0,\"skip\":0},\"findings\":["
                + "{\"id\":\"w\",\"severity\":\"WARN\",\"symptom\":\"\","
                + "\"message\":\"line1\\nline2\\r\\ttab \\u0001 \\u001f \\u007f end\","
                + "\"evidence\":[],\"fix\":\"\"}]}");
    }

    @Test
    void jsonOfAnEmptyReportPasses() {
        assertThat(Report.of("T", List.of()).toJson()).isEqualTo("{\"target\":\"T\",\"verdict\":\"PASS\","
                + "\"counts\":{\"pass\":0,\"warn\":0,\"fail\":0,\"skip\":0},\"findings\":[]}");
    }
}
