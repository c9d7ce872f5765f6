package io.albtarget.compat.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Writes the matrix's report to {@code target/compat-matrix.md} once the test run ends, if the matrix ran. */
public final class MatrixReportWriter implements TestExecutionListener {

    static final Path REPORT = Path.of("target", "compat-matrix.md");

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (MatrixReport.RUN.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, MatrixReport.RUN.markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("the matrix's report could not be written to " + REPORT.toAbsolutePath(),
                    e);
        }
    }
}
