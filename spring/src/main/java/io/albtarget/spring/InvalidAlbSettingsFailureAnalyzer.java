package io.albtarget.spring;

import io.albtarget.InvalidSettingsException;
import io.albtarget.Setting;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports invalid {@code alb.*} settings at startup: each problem on a line of its own, with the property, the value
 * given and what is wrong, then for each setting what it allows and where to set it.
 */
final class InvalidAlbSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAlbSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAlbSettingsException cause) {
        List<InvalidSettingsException.Problem> problems = cause.getCause() instanceof InvalidSettingsException invalid
                ? invalid.problems() : List.of();
        if (problems.isEmpty()) {
            return new FailureAnalysis("albtarget cannot start with these settings: " + cause.getMessage(),
                    action(""), cause);
        }
        StringBuilder description = new StringBuilder("albtarget cannot start with these alb.* settings:");
        StringBuilder fixes = new StringBuilder();
        for (InvalidSettingsException.Problem problem : problems) {
            description.append("\n    ").append(problem.message());
            Optional<Setting> setting = problem.setting();
            fixes.append("\n    ").append(setting.map(s -> s.property() + " (" + s.environmentVariable() + "): "
                    + s.range()).orElse(problem.property() + ": not an albtarget setting; remove or rename it"));
        }
        return new FailureAnalysis(description.toString(), action(fixes.toString()), cause);
    }

    private static String action(String fixes) {
        return "Set each to a value it allows, where the application sets it (application.properties or"
                + " application.yaml, a profile, a command-line argument or system property) or in its ALB_*"
                + " environment variable, e.g. ALB_IDLE_TIMEOUT for alb.idle-timeout:" + fixes
                + "\nOr switch albtarget off with alb.enabled=false.";
    }
}
