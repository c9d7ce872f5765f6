package io.albtarget.check;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the settings against each other and against the target, for combinations each value allows alone but the
 * ALB punishes together.
 */
final class SettingsCheck implements Check {

    @Override
    public List<Finding> run(Probing probing) {
        AlbSettings s = probing.settings();
        CheckTarget target = probing.target();
        List<Finding> findings = new ArrayList<>();
        if (s.healthCheckPath().equals("/") && !target.healthServedByAlbtarget()) {
            findings.add(Finding.warn("settings.health-path", Symptom.RESPONSE_CODE_MISMATCH,
                    "alb.health-check.path is '/', the ALB's default: the home page is the health check, and a"
                            + " redirect, a login or a slow page fails it")
                    .fix("give the target group a dedicated health path, e.g. /health, and set"
                            + " alb.health-check.path to it"));
        }
        Duration seen = s.interval().multipliedBy(s.unhealthyThreshold()).plus(s.timeout());
        String drainWait = "alb.drain.wait " + Durations.format(s.drainWait());
        String delay = "alb.deregistration-delay " + Durations.format(s.deregistrationDelay());
        // the drain is albtarget's own: a target without it has no drain settings to judge
        boolean drains = target.healthServedByAlbtarget();
        if (drains && s.drainWaitSet() && s.drainWait().compareTo(seen) < 0) {
            findings.add(Finding.warn("settings.drain-wait", Symptom.HTTP_502, drainWait + " is shorter than the "
                    + Durations.format(seen) + " the ALB needs to see the target unhealthy (unhealthy-threshold ×"
                    + " interval + timeout): the server stops while the ALB still routes to it")
                    .fix("remove alb.drain.wait so albtarget derives it, or set it to at least "
                            + Durations.format(seen)));
        }
        if (drains && s.drainWait().plus(s.drainTimeout()).compareTo(s.deregistrationDelay()) > 0) {
            findings.add(Finding.warn("settings.drain-timeout", Symptom.HTTP_502, drainWait
                    + " + alb.drain.timeout " + Durations.format(s.drainTimeout()) + " exceeds " + delay
                    + ": requests still in flight when the ALB ends deregistration get HTTP 502")
                    .fix("raise the target group's deregistration delay (and alb.deregistration-delay), or lower"
                            + " alb.drain.timeout"));
        }
        if (s.protocolVersion() != AlbSettings.ProtocolVersion.HTTP1 && !target.usesTls()) {
            findings.add(Finding.warn("settings.protocol-version", Symptom.HTTP_502, "alb.protocol-version "
                    + s.protocolVersion() + " needs HTTPS to the target, but the target was probed over plain HTTP;"
                    + " these checks speak HTTP/1.1")
                    .fix("serve HTTP/2 over TLS on the target, or use protocol version HTTP1"));
        }
        if (s.healthCheckProtocol() == AlbSettings.Protocol.HTTPS && !target.usesTls()) {
            findings.add(Finding.warn("settings.health-check-protocol", Symptom.FAILED_HEALTH_CHECKS,
                    "alb.health-check.protocol is HTTPS, but the target was probed over plain HTTP")
                    .fix("serve TLS on the health-check port, or set the target group's health-check protocol"
                            + " (and alb.health-check.protocol) to HTTP"));
        }
        if (s.keepAliveMargin().compareTo(Duration.ofSeconds(1)) < 0) {
            findings.add(Finding.warn("settings.keep-alive-margin", Symptom.HTTP_502, "alb.keep-alive.margin "
                    + Durations.format(s.keepAliveMargin()) + " leaves the server's idle close racing the ALB's"
                    + " last request on a connection").fix("set alb.keep-alive.margin to a few seconds, e.g. 5s"));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.pass("settings", "the settings agree with each other" + (drains ? ": drain "
                    + Durations.format(s.drainWait()) + " + " + Durations.format(s.drainTimeout()) + " within "
                    + delay : "")));
        }
        return findings;
    }
}
