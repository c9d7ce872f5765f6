package io.albtarget.spring;

import io.albtarget.AlbTarget;
import io.albtarget.Setting;
import io.albtarget.check.Report;
import io.albtarget.internal.JsonText;
import java.util.StringJoiner;
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
     * {@code {"state":"SERVING","settings":{"alb.enabled":"true",...},"selfCheck":{...}}}: every setting of the
     * catalogue with its value in effect, as it would be typed; the self-check is {@code null} until its report is
     * whole (once the keep-alive measurement is done) or when it does not run.
     */
    @ReadOperation(produces = "application/json")
    public String albtarget() {
        StringJoiner settings = new StringJoiner(",", "{", "}");
        for (Setting setting : Setting.values()) {
            settings.add("\"" + setting.property() + "\":\"" + JsonText.escape(setting.value(target.settings()))
                    + "\"");
        }
        return "{\"state\":\"" + target.health().state() + "\",\"settings\":" + settings + ",\"selfCheck\":"
                + selfCheck.report().map(Report::toJson).orElse("null") + "}";
    }
}
