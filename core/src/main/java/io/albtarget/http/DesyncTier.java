package io.albtarget.http;

/**
 * How far a request strays from the standard, in the ALB's own four tiers (its desync mitigation classification,
 * {@code routing.http.desync_mitigation_mode}), from harmless to dangerous.
 */
public enum DesyncTier {
    /** Complies with RFC 7230 and carries no known threat. */
    COMPLIANT,
    /** Not compliant, but no known threat. */
    ACCEPTABLE,
    /** Not compliant; servers and proxies could understand it differently. */
    AMBIGUOUS,
    /** A high security risk. */
    SEVERE
}
