package io.albtarget.spring;

/**
 * An {@code alb.*} setting in Spring's environment is unknown or out of range; the message names each property,
 * its allowed range and the value given. {@link InvalidAlbSettingsFailureAnalyzer} turns it into Spring Boot's
 * startup failure report.
 */
final class InvalidAlbSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidAlbSettingsException(IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
    }
}
