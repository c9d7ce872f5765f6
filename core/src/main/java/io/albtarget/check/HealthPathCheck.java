package io.albtarget.check;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import java.util.List;
import java.util.Locale;

/**
 * Sends the ALB health checker's exact request and judges the answer as the ALB does: a status inside the matcher,
 * within the health-check timeout, well formed, with a body as long as its {@code Content-Length} and a header
 * block the ALB accepts.
 */
final class HealthPathCheck implements Check {

    static final String ID = "health-path";
    /** The largest response header block the ALB accepts; a larger one is an HTTP 502. */
    static final int MAX_RESPONSE_HEAD = 32 * 1024;
    private static final String FRAMING_FIX = "send a Content-Length equal to the body, or let the server frame the"
            + " body itself";

    @Override
    public List<Finding> run(Probing probing) {
        AlbSettings settings = probing.settings();
        AlbRequest request = AlbRequest.healthCheck(settings.healthCheckPath(), probing.host());
        Exchange answer = probing.healthAnswer();
        Finding finding = probing.otherProtocol()
                .map(other -> Finding.fail(ID, Symptom.FAILED_HEALTH_CHECKS, other).fix(probing.otherProtocolFix()))
                .orElseGet(() -> judge(settings, probing.host(), answer));
        return List.of(finding.evidence("sent: " + request, "got: " + answer));
    }

    /** The ALB's judgement of an answer to its health check sent with {@code host}. */
    private static Finding judge(AlbSettings settings, String host, Exchange answer) {
        String timeout = Durations.format(settings.timeout());
        switch (answer.outcome()) {
            case CONNECT_FAILED:
                return Finding.fail(ID, Symptom.FAILED_HEALTH_CHECKS, "could not connect: " + answer.detail())
                        .fix("make the server listen on the health-check port on the target's private address,"
                                + " and let the ALB's security group reach it");
            case MALFORMED:
                return Finding.fail(ID, Symptom.FAILED_HEALTH_CHECKS, "malformed response: " + answer.detail())
                        .fix("answer with a well-formed HTTP/1.1 response: status line, 'name: value' headers,"
                                + " CRLF line ends");
            case COMPLETE:
                return complete(settings, host, answer, timeout);
            default:
                // timed out or closed early; an answer in the other protocol is told before the judgement
                return incomplete(answer, timeout);
        }
    }

    private static Finding incomplete(Exchange answer, String timeout) {
        long announced = answer.contentLength().orElse(-1);
        // only a server that holds the connection makes the ALB wait; one that closes it ends the exchange
        if (answer.outcome() == Exchange.Outcome.TIMED_OUT && answer.status() > 0 && announced > answer.bodyBytes()) {
            return Finding.fail(ID, Symptom.HTTP_504, String.format(Locale.ROOT,
                    "the response announces Content-Length %d but sends %d body bytes: the ALB waits for the rest,"
                            + " the health check fails and clients get HTTP 504 on such responses", announced,
                    answer.bodyBytes()))
                    .fix(FRAMING_FIX);
        }
        if (answer.outcome() == Exchange.Outcome.TIMED_OUT) {
            return Finding.fail(ID, Symptom.TIMEOUT, "no whole answer within alb.health-check.timeout " + timeout)
                    .fix("answer the health path within the timeout: bound slow dependencies (alb.health.deadline)"
                            + " or raise alb.health-check.timeout");
        }
        return Finding.fail(ID, Symptom.FAILED_HEALTH_CHECKS, "the connection ended early: " + answer.detail())
                .fix("answer the health-check request before closing the connection");
    }

    private static Finding complete(AlbSettings settings, String host, Exchange answer, String timeout) {
        if (answer.headerBytes() > MAX_RESPONSE_HEAD) {
            return Finding.fail(ID, Symptom.HTTP_502, String.format(Locale.ROOT,
                    "the response header block is %d bytes, over the ALB's limit of %d: the ALB answers HTTP 502",
                    answer.headerBytes(), MAX_RESPONSE_HEAD))
                    .fix("send fewer or shorter response headers (cookies, CSP, debug headers)");
        }
        if (answer.excessBytes() > 0) {
            return Finding.fail(ID, Symptom.HTTP_502, String.format(Locale.ROOT,
                    "the response sends %d bytes after the end its framing announces (Content-Length %s): on a"
                            + " reused connection the ALB reads them as the next response, and clients get HTTP 502",
                    answer.excessBytes(), answer.contentLength().isPresent()
                            ? String.valueOf(answer.contentLength().getAsLong()) : "none, chunked"))
                    .fix(FRAMING_FIX);
        }
        int status = answer.status();
        String seen = String.format(Locale.ROOT, "GET %s with Host %s -> %d in %d ms", settings.healthCheckPath(),
                host, status, answer.elapsed().toMillis());
        if (settings.matcher().matches(status)) {
            if (answer.elapsed().compareTo(settings.timeout().dividedBy(2)) > 0) {
                return Finding.warn(ID, Symptom.TIMEOUT, seen + ", more than half of alb.health-check.timeout "
                        + timeout).fix("keep the health answer fast: bound slow dependencies (alb.health.deadline)");
            }
            return Finding.pass(ID, seen);
        }
        return Finding.fail(ID, Symptom.RESPONSE_CODE_MISMATCH, seen + ", outside matcher " + settings.matcher()
                + cause(status, answer)).fix(fix(status));
    }

    private static String cause(int status, Exchange answer) {
        if (status >= 300 && status < 400) {
            return ": a redirect to '" + answer.header("Location").orElse("") + "', which the ALB does not follow";
        }
        switch (status) {
            case 401:
            case 403:
                return ": security stands in front of the health path";
            case 404:
                return ": nothing serves the health path";
            case 400:
            case 421:
                return ": the server refused the ALB's Host header";
            case 503:
                return ": the target reports itself not serving (starting, draining or a dependency down)";
            default:
                return "";
        }
    }

    private static String fix(int status) {
        if (status >= 300 && status < 400) {
            return "serve the health path without a redirect (exempt it from HTTPS, login and trailing-slash"
                    + " redirects), or set alb.health-check.path to the final path";
        }
        switch (status) {
            case 401:
            case 403:
                return "permit the health path without authentication";
            case 404:
                return "set alb.health-check.path to the path the target group checks, and serve it";
            case 400:
            case 421:
                return "accept the target's own IP (and IP:port) as Host, as albtarget's filter does";
            default:
                return "answer a code inside alb.health-check.matcher, or widen the matcher";
        }
    }
}
