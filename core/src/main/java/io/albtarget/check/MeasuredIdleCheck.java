package io.albtarget.check;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import io.albtarget.internal.probe.IdleClose;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures how long the server keeps an idle connection open after a forwarded request, the connection the ALB
 * keeps to reuse, watching up to the ALB's idle timeout plus the margin.
 */
final class MeasuredIdleCheck implements Check {

    static final String ID = "keep-alive.measured";
    private static final String STOPPED = "the self-check was stopped before the measurement ";

    /** How long the measurement may take at most. */
    static Duration watch(AlbSettings settings) {
        return KeepAliveRequirement.of(settings).serverIdleTimeout();
    }

    @Override
    public List<Finding> run(Probing probing) {
        AlbSettings settings = probing.settings();
        if (probing.stopped()) {
            return List.of(Finding.skip(ID, STOPPED + "began"));
        }
        AlbRequest request = AlbRequest.forwarded(settings.healthCheckPath(), probing.host());
        IdleClose idle = probing.probe().idleClose(request, settings.timeout(), watch(settings), probing::stopped);
        String[] evidence = {"sent: " + request, "got: " + idle.exchange(), "then: " + idle};
        // the server's own shutdown closes connections too: a close seen after the stop is not its idle timeout
        if (probing.stopped() || idle.stoppedAfter().isPresent()) {
            return List.of(Finding.skip(ID, STOPPED + "ended (" + idle + ")").evidence(evidence));
        }
        Optional<String> other = probing.otherProtocol(idle.exchange());
        if (other.isPresent()) {
            return List.of(Finding.skip(ID, other.get()).evidence(evidence));
        }
        if (idle.exchange().outcome() != Exchange.Outcome.COMPLETE) {
            return List.of(Finding.skip(ID, "no whole response to keep the connection open after: "
                    + idle.exchange()).evidence(evidence));
        }
        String albIdle = Durations.format(settings.idleTimeout());
        String fix = "raise " + probing.target().idleKnob().orElse("the server's keep-alive (idle) timeout")
                + " to at least " + Durations.format(watch(settings));
        if (idle.closedAfter().isEmpty()) {
            return List.of(Finding.pass(ID, "the server kept an idle connection open for " + Durations.format(
                    watch(settings)) + ", past alb.idle-timeout " + albIdle + " + alb.keep-alive.margin")
                    .evidence(evidence));
        }
        Duration closed = idle.closedAfter().get();
        String after = String.format(Locale.ROOT, "%.1f s", closed.toMillis() / 1000.0);
        if (idle.closeAnnounced()) {
            return List.of(Finding.warn(ID, "", "the server answers with Connection: close and closes the"
                    + " connection: no HTTP 502, but the ALB opens a new connection for every request")
                    .evidence(evidence).fix("let the server keep connections alive"));
        }
        // the server's idle timer started with its answer, at most the exchange's duration before the watch did;
        // that lead counts for at most half the margin, so a close before alb.idle-timeout never passes
        Duration lead = idle.exchange().elapsed();
        Duration halfMargin = settings.keepAliveMargin().dividedBy(2);
        if (closed.plus(lead.compareTo(halfMargin) < 0 ? lead : halfMargin).compareTo(watch(settings)) >= 0) {
            return List.of(Finding.pass(ID, "the server closed an idle connection after " + after + ", at"
                    + " alb.idle-timeout " + albIdle + " + alb.keep-alive.margin").evidence(evidence));
        }
        if (closed.compareTo(settings.idleTimeout()) < 0) {
            return List.of(Finding.fail(ID, Symptom.HTTP_502, "the server closed an idle connection after " + after
                    + ", before alb.idle-timeout " + albIdle + ": the ALB reuses it and clients get HTTP 502")
                    .evidence(evidence).fix(fix));
        }
        return List.of(Finding.warn(ID, Symptom.HTTP_502, "the server closed an idle connection after " + after
                + ", less than alb.keep-alive.margin after alb.idle-timeout " + albIdle
                + ": a request the ALB sends at its last moment may meet the close").evidence(evidence).fix(fix));
    }
}
