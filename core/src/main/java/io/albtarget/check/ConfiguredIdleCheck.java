package io.albtarget.check;

import io.albtarget.internal.Durations;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import java.time.Duration;
import java.util.List;

/** Compares the idle timeout the server adapter read from the server with what the ALB's idle timeout needs. */
final class ConfiguredIdleCheck implements Check {

    static final String ID = "keep-alive.configured";

    @Override
    public List<Finding> run(Probing probing) {
        CheckTarget target = probing.target();
        if (target.idleTimeout().isEmpty()) {
            return List.of(Finding.skip(ID, "the server's configured idle timeout is not known here;"
                    + " keep-alive.measured measures it"));
        }
        String knob = target.idleKnob().orElseThrow();
        Duration configured = target.idleTimeout().get();
        KeepAliveRequirement requirement = KeepAliveRequirement.of(probing.settings());
        if (configured.isZero() || configured.isNegative()) {
            // no 502 race, but a connection whose peer is gone without a FIN (an ALB node replaced) stays open
            return List.of(Finding.warn(ID, Symptom.IDLE_CONNECTIONS_PILE_UP, knob + " is off: the server never"
                    + " closes an idle connection, so connections the ALB abandoned without closing them keep their"
                    + " socket and memory until the process ends")
                    .fix("set " + knob + " to " + Durations.format(requirement.serverIdleTimeout())
                            + " (alb.idle-timeout + alb.keep-alive.margin), or remove the explicit setting so"
                            + " albtarget sets it"));
        }
        if (requirement.isMetBy(configured)) {
            return List.of(Finding.pass(ID, knob + " is " + Durations.format(configured) + ", at least alb.idle-timeout "
                    + Durations.format(probing.settings().idleTimeout()) + " + alb.keep-alive.margin "
                    + Durations.format(probing.settings().keepAliveMargin())));
        }
        return List.of(Finding.fail(ID, Symptom.HTTP_502, requirement.shortfall(knob, configured))
                .fix("set " + knob + " to at least " + Durations.format(requirement.serverIdleTimeout())
                        + ", or remove the explicit setting so albtarget sets it"));
    }
}
