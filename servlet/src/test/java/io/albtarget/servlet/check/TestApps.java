package io.albtarget.servlet.check;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.servlet.AlbFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/** The applications the self-check tests deploy, each wrong (or right) in one way, and a report look-up. */
final class TestApps {

    private TestApps() {
    }

    /** The one finding of a check in a report. */
    static Finding finding(Report report, String id) {
        return report.findings().stream().filter(f -> f.id().equals(id)).reduce((a, b) -> {
            throw new AssertionError("two findings " + id + " in " + report.toText());
        }).orElseThrow(() -> new AssertionError("no finding " + id + " in " + report.toText()));
    }

    /** albtarget's filter, serving a target with these settings that is started already. */
    static AlbFilter albFilter(AlbSettings settings) {
        AlbTarget target = AlbTarget.create(settings);
        target.start();
        return new AlbFilter(target);
    }

    /** Answers every request with 200 and a short text body. */
    static HttpServlet ok() {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                answer(response);
            }
        };
    }

    private static void answer(HttpServletResponse response) throws IOException {
        byte[] body = "app\n".getBytes(StandardCharsets.US_ASCII);
        response.setContentType("text/plain");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Redirects every request, as a login or HTTPS redirect does. */
    static HttpServlet redirectingTo(String location) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                // set by hand: sendRedirect(String) differs between the servlet API this compiles against and Tomcat's
                response.setStatus(302);
                response.setHeader("Location", location);
                response.setContentLength(0);
            }
        };
    }

    /** Like {@link #ok()}, but the first answer takes this long, as a health check of a cold dependency does. */
    static HttpServlet firstAnswerAfter(long millis) {
        AtomicBoolean first = new AtomicBoolean(true);
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (first.getAndSet(false)) {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                answer(response);
            }
        };
    }

    /** Security in front of every path: 401 with a Basic challenge for requests without credentials. */
    static Filter basicAuthEverywhere() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                if (((HttpServletRequest) request).getHeader("Authorization") == null) {
                    HttpServletResponse http = (HttpServletResponse) response;
                    http.setHeader("WWW-Authenticate", "Basic realm=\"app\"");
                    http.sendError(401);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
