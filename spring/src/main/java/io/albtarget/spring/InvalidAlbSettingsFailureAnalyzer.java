package io.albtarget.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports invalid {@code alb.*} settings at startup: what is wrong with which property, and how to fix it.
 */
final class InvalidAlbSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAlbSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAlbSettingsException cause) {
        return new FailureAnalysis("albtarget cannot start with these settings: " + cause.getMessage(),
                "Set a valid value in the application's properties (application.properties or application.yaml,"
                        + " a profile, a command-line argument or system property) or in the matching ALB_*"
                        + " environment variable, e.g. ALB_IDLE_TIMEOUT for alb.idle-timeout; or switch albtarget"
                        + " off with alb.enabled=false.",
                cause);
    }
}
