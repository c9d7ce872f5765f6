package io.albtarget.check;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import io.albtarget.internal.probe.HttpProbe;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the checks of one run share: the settings, the target, a probe of the target's health-check port, the
 * health check's answer and what it tells about the port's protocol. One per run, used by one thread.
 */
final class Probing {

    private final AlbSettings settings;
    private final CheckTarget target;
    private final HttpProbe probe;
    private final int healthPort;
    private final BooleanSupplier stopped;
    private @Nullable Exchange healthAnswer;
    private @Nullable Optional<String> otherProtocol;

    Probing(AlbSettings settings, CheckTarget target, BooleanSupplier stopped) {
        this.settings = settings;
        this.target = target;
        this.stopped = stopped;
        this.healthPort = settings.healthCheckPort().orElse(target.address().getPort());
        this.probe = HttpProbe.to(new InetSocketAddress(target.address().getAddress(), healthPort))
                .tls(target.usesTls());
    }

    AlbSettings settings() {
        return settings;
    }

    CheckTarget target() {
        return target;
    }

    HttpProbe probe() {
        return probe;
    }

    /** The {@code Host} the checks send. */
    String host() {
        return target.host(healthPort);
    }

    int healthPort() {
        return healthPort;
    }

    /** Whether the self-check was stopped, the server shutting down. */
    boolean stopped() {
        return stopped.getAsBoolean();
    }

    /** The ALB's health-check request to the health path with a {@code Host}, within the health-check timeout. */
    Exchange healthCheck(String host) {
        return probe.exchange(AlbRequest.healthCheck(settings.healthCheckPath(), host), settings.timeout());
    }

    /** The answer to the ALB's health check with {@link #host()}, asked once per run. */
    Exchange healthAnswer() {
        if (healthAnswer == null) {
            healthAnswer = healthCheck(host());
        }
        return healthAnswer;
    }

    /** A request within the health-check timeout. */
    Exchange send(AlbRequest request) {
        return probe.exchange(request, settings.timeout());
    }

    /**
     * What the port speaks when it is not the target's protocol, in one sentence; empty when the health check's
     * answer gives no reason to doubt the target's protocol. Worked out once per run.
     */
    Optional<String> otherProtocol() {
        if (otherProtocol == null) {
            otherProtocol = tell(healthAnswer());
        }
        return otherProtocol;
    }

    /** For an answer that the other protocol may explain, what the port speaks instead; empty otherwise. */
    Optional<String> otherProtocol(Exchange answer) {
        if (answer.outcome() == Exchange.Outcome.OTHER_PROTOCOL) {
            return Optional.of(answer.detail());
        }
        return !target.usesTls() && mayBeTls(answer) ? otherProtocol() : Optional.empty();
    }

    /** The fix for a port that speaks the other protocol. */
    String otherProtocolFix() {
        return target.usesTls()
                ? "make the target group's protocol HTTP for this port (http:// for albtarget-doctor), or serve TLS"
                        + " on it"
                : "make the target group's protocol HTTPS for this port (https:// for albtarget-doctor), or serve"
                        + " plain HTTP on it";
    }

    private Optional<String> tell(Exchange answer) {
        if (answer.outcome() == Exchange.Outcome.OTHER_PROTOCOL) {
            return Optional.of(answer.detail());
        }
        if (target.usesTls() || !mayBeTls(answer)) {
            return Optional.empty();
        }
        return probe.tlsHandshake(settings.timeout()).map(negotiated -> "the port speaks TLS, not plain HTTP: a TLS"
                + " handshake completes (" + negotiated + ") where the plain-HTTP health check got " + answer);
    }

    /**
     * A TLS port that sends no alert answers a plain-HTTP request with a close, or (Tomcat, nginx, Go) with a
     * 400 of its own.
     */
    private static boolean mayBeTls(Exchange answer) {
        return answer.status() == 400
                || (answer.outcome() == Exchange.Outcome.CLOSED_EARLY && answer.status() < 0);
    }

    /** The report title: where, and the target group as the checks assume it. */
    String title() {
        return String.format(Locale.ROOT,
                "%s as the ALB sees it (%s %s, matcher %s, timeout %s, idle %s)", probe, settings.healthCheckProtocol(),
                settings.healthCheckPath(), settings.matcher(), Durations.format(settings.timeout()),
                Durations.format(settings.idleTimeout()));
    }
}
