package io.albtarget.servlet;

import io.albtarget.AlbSettings;
import io.albtarget.Verdict;
import io.albtarget.health.AlbHealth;
import io.albtarget.health.Drain;
import io.albtarget.health.HealthAnswer;
import io.albtarget.http.Refusal;
import io.albtarget.http.RequestCompliance;
import io.albtarget.internal.Log;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The servlet filter that makes an application behave as a target behind an AWS Application Load Balancer.
 *
 * <p>It judges every request before the rest of the chain: header-line syntax, the Host header (the ALB health
 * checker's {@code IP} and {@code IP:port} forms are accepted, foreign and malformed hosts are not) and body
 * framing. A rejected request gets the rule's status (400, or 501 for an unsupported Transfer-Encoding), a one-line
 * plain-text reason and {@code Connection: close}; the chain never sees it.
 *
 * <p>It answers the ALB's health check itself, on {@code alb.health-check.path}: no other filter, servlet, session
 * or security runs for it (see {@link AlbHealth}). It counts requests in flight and, once the drain runs, answers
 * health with 503 while closing the connections of every other response (see {@link Drain}). The drain runs on JVM
 * shutdown (SIGTERM) through a shutdown hook the filter registers, when the servlet context is destroyed (then
 * without the wait: the server is stopping already), or when the application calls {@code drain().run()}. Health
 * and drain are also published as servlet-context attributes named after their classes, for filters the container
 * created.
 *
 * <p>When the albtarget-servlet jar is on the class path of a container that runs
 * {@code ServletContainerInitializer}s, the filter registers itself first in the chain. Elsewhere, add it:
 * <pre>{@code
 * context.addFilter("albtarget", new AlbFilter(AlbSettings.bind(properties, System.getenv())))
 *        .addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 *
 * <p>A filter built with the no-argument constructor binds its settings when initialised, from its init-params,
 * then the context's init-params, then system properties, then {@code ALB_*} environment variables; an invalid
 * value fails initialisation with a message naming the setting, the allowed range and the value.
 *
 * <p>Only one albtarget filter acts per servlet context: a second one passes requests through.
 */
public final class AlbFilter implements Filter {

    private static final Log LOG = Log.of(AlbFilter.class);
    private static final String ACTIVE = AlbFilter.class.getName() + ".active";

    private final @Nullable AlbSettings given;
    private volatile @Nullable Active active;

    /** What an acting filter holds; absent while switched off or passing through. */
    private record Active(RequestCompliance compliance, AlbHealth health, Drain drain, Thread shutdownHook) {
    }

    /** A filter whose settings are bound from init-params, system properties and environment variables. */
    public AlbFilter() {
        this.given = null;
    }

    /** A filter with these settings. */
    public AlbFilter(AlbSettings settings) {
        this.given = settings;
    }

    /**
     * Binds the settings and builds the rules.
     *
     * @throws ServletException if a setting is invalid
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        AlbSettings settings;
        try {
            settings = given != null ? given : ServletSettings.bind(config);
            if (!settings.enabled()) {
                LOG.info("albtarget is switched off (alb.enabled=false)");
                return;
            }
            ServletContext context = config.getServletContext();
            if (context.getAttribute(ACTIVE) != null) {
                LOG.info("albtarget filter '" + config.getFilterName() + "' passes requests through: another"
                        + " albtarget filter already acts in this context");
                return;
            }
            AlbHealth health = AlbHealth.create(settings);
            Drain drain = Drain.of(settings, health);
            Thread hook = new Thread(drain::run, "albtarget-drain");
            active = new Active(RequestCompliance.of(settings), health, drain, hook);
            Runtime.getRuntime().addShutdownHook(hook);
            context.setAttribute(ACTIVE, config.getFilterName());
            context.setAttribute(AlbHealth.class.getName(), health);
            context.setAttribute(Drain.class.getName(), drain);
            health.markServing();
        } catch (IllegalArgumentException e) {
            throw new ServletException("albtarget: " + e.getMessage(), e);
        }
        LOG.debug(() -> "albtarget filter active with " + settings);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Active acting = active;
        if (acting == null || !(request instanceof HttpServletRequest)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        Verdict verdict = acting.compliance().judge(new ServletRequestView(http));
        if (!verdict.isAccepted()) {
            LOG.debug(() -> "rejected a request from " + http.getRemoteAddr() + ": " + verdict);
            reject(httpResponse, verdict);
            return;
        }
        if (verdict.closesConnection()) {
            httpResponse.setHeader("Connection", "close");
        }
        String path = http.getRequestURI();
        AlbHealth health = acting.health();
        if (health.isHealthCheckPath(path)
                && health.isHealthCheck(http.getMethod(), path, http.getHeader("User-Agent"))) {
            answer(http, httpResponse, health.answer());
            return;
        }
        Drain drain = acting.drain();
        drain.requestStarted();
        try {
            if (drain.closesConnections()) {
                httpResponse.setHeader("Connection", "close");
            }
            chain.doFilter(request, response);
        } finally {
            RequestCompletion.finishWhenDone(drain, request);
        }
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, HealthAnswer answer)
            throws IOException {
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        if (!request.getMethod().equals("HEAD")) {
            answer.writeBody(response.getOutputStream());
        }
        response.flushBuffer();
    }

    /**
     * The health of this filter's target: register indicators, or mark it serving or draining.
     *
     * @throws IllegalStateException if the filter is not initialised, switched off, or passing requests through
     *     to another albtarget filter
     */
    public AlbHealth health() {
        return acting().health();
    }

    /**
     * The drain sequence of this filter's target, e.g. for a shutdown hook:
     * {@code Runtime.getRuntime().addShutdownHook(filter.drain().shutdownHook(server::stop))}.
     *
     * @throws IllegalStateException if the filter is not initialised, switched off, or passing requests through
     *     to another albtarget filter
     */
    public Drain drain() {
        return acting().drain();
    }

    private Active acting() {
        Active acting = active;
        if (acting == null) {
            throw new IllegalStateException("the albtarget filter is not acting: not initialised yet,"
                    + " switched off (alb.enabled=false), or another albtarget filter acts in this context");
        }
        return acting;
    }

    private static void reject(HttpServletResponse response, Verdict verdict) throws IOException {
        byte[] body = Refusal.body(verdict);
        response.setStatus(verdict.status());
        response.setHeader("Connection", "close");
        response.setContentType(Refusal.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Health turns 503, and in-flight requests get up to {@code alb.drain.timeout} to finish. */
    @Override
    public void destroy() {
        Active acting = active;
        if (acting != null) {
            acting.drain().runWithoutWait();
            try {
                Runtime.getRuntime().removeShutdownHook(acting.shutdownHook());
            } catch (IllegalStateException e) {
                // the JVM is shutting down already; the hook has run or will return at once, the drain being over
            }
        }
    }
}
