package io.albtarget.compat.health;

/** Why a target is in its state, with the API's code and its console or API description. */
public enum ReasonCode {
    /** The target is being registered. */
    REGISTRATION_IN_PROGRESS("Elb.RegistrationInProgress", "Target registration is in progress"),
    /** The first health check has not passed yet. */
    INITIAL_HEALTH_CHECKING("Elb.InitialHealthChecking", "Initial health checks in progress"),
    /** The answer's status code is not in the matcher. */
    RESPONSE_CODE_MISMATCH("Target.ResponseCodeMismatch", "Health checks failed with these codes: [%s]"),
    /** No whole answer within the health-check timeout. */
    TIMEOUT("Target.Timeout", "Request timed out"),
    /** No connection, or an answer that is not HTTP or was cut short. */
    FAILED_HEALTH_CHECKS("Target.FailedHealthChecks", "The load balancer received an error while establishing a"
            + " connection to the target or the target response was malformed"),
    /** Deregistered; the deregistration delay has not elapsed. */
    DEREGISTRATION_IN_PROGRESS("Target.DeregistrationInProgress", "Target deregistration is in progress"),
    /** Not registered in the target group. */
    NOT_REGISTERED("Target.NotRegistered", "Target is not registered to the target group");

    private final String code;
    private final String description;

    ReasonCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The API's code, e.g. {@code Target.ResponseCodeMismatch}. */
    public String code() {
        return code;
    }

    /**
     * The description, e.g. {@code Request timed out}; for {@link #RESPONSE_CODE_MISMATCH} a template whose
     * {@code %s} is the code received.
     */
    public String description() {
        return description;
    }

    /** The API's code. */
    @Override
    public String toString() {
        return code;
    }
}
