package io.albtarget.spring;

import io.albtarget.AlbTarget;
import io.albtarget.check.Report;
import io.albtarget.internal.JsonText;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code albtarget}, read-only: the target's state, the settings in effect and the last
 * self-check report, as JSON. Exposed and secured as the application exposes and secures its other endpoints (not
 * over the web by default: {@code management.endpoints.web.exposure.include=albtarget}).
 */
@Endpoint(id = "albtarget")
public final class AlbTargetEndpoint {

    private final AlbTarget target;
    private final StartupSelfCheck selfCheck;

    AlbTargetEndpoint(AlbTarget target, StartupSelfCheck selfCheck) {
        this.target = target;
        this.selfCheck = selfCheck;
    }

    /**
     * {@code {"state":"SERVING","settings":"AlbSettings[alb.enabled=true, ...]","selfCheck":{...}}}; the self-check
     * is {@code null} until its report is whole (once the keep-alive measurement is done) or when it does not run.
     */
    @ReadOperation(produces = "application/json")
    public String albtarget() {
        return "{\"state\":\"" + target.health().state() + "\",\"settings\":\""
                + JsonText.escape(target.settings().toString()) + "\",\"selfCheck\":"
                + selfCheck.report().map(Report::toJson).orElse("null") + "}";
    }
}
