package io.albtarget.servlet;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.Answer;
import io.albtarget.Verdict;
import io.albtarget.health.AlbHealth;
import io.albtarget.health.Drain;
import io.albtarget.internal.Log;
import io.albtarget.internal.http.Refusal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * health with 503 while closing the connections of every other response (see {@link Drain}).
 *
 * <p>The filter serves an {@link AlbTarget}. Whoever owns the server owns the target, and with it the lifecycle:
 * <pre>{@code
 * AlbTarget target = AlbTarget.create(AlbSettings.bind(properties, System.getenv()));
 * context.addFilter("albtarget", new AlbFilter(target)).addMappingForUrlPatterns(null, false, "/*");
 * // once the server listens:     target.start();
 * // before the server stops:     target.drain().run();
 * }</pre>
 *
 * <p>With no code at all (the albtarget-servlet jar in a container that runs {@code ServletContainerInitializer}s,
 * or the filter named in {@code web.xml}), the filter built with the no-argument constructor owns a target of its
 * own: it binds the settings when initialised, from its init-params, then the context's init-params, then system
 * properties, then {@code ALB_*} environment variables (an invalid value fails initialisation with a message naming
 * the setting, the allowed range and the value); it starts the target at once, drains it on JVM shutdown (SIGTERM)
 * through a shutdown hook, and drains it without the wait when the servlet context is destroyed (the server is
 * stopping already). Its target is published as the servlet-context attribute named after {@link AlbTarget}.
 *
 * <p>Only one albtarget filter acts per servlet context: a second one passes requests through, and the filter the
 * container initializer registered passes them through whenever the application registers one of its own.
 */
public final class AlbFilter implements Filter {

    private static final Log LOG = Log.of(AlbFilter.class);
    private static final String ACTIVE = AlbFilter.class.getName() + ".active";

    private final @Nullable AlbTarget given;
    private volatile @Nullable Active active;

    /** What an acting filter serves, and the shutdown hook of a target it owns. */
    private record Active(AlbTarget target, @Nullable Thread shutdownHook) {
    }

    /**
     * A filter that owns its target: settings bound from init-params, system properties and environment variables,
     * started at once, drained on JVM shutdown.
     */
    public AlbFilter() {
        this.given = null;
    }

    /** A filter that serves a target someone else owns, starts and drains. */
    public AlbFilter(AlbTarget target) {
        this.given = Objects.requireNonNull(target, "'target' must not be null");
    }

    /**
     * Takes up the target, or binds the settings and makes one.
     *
     * @throws ServletException if a setting is invalid
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        if (context.getAttribute(ACTIVE) != null) {
            LOG.info("albtarget filter '" + config.getFilterName() + "' passes requests through: another"
                    + " albtarget filter already acts in this context");
            return;
        }
        if (given != null) {
            act(context, config, new Active(given, null));
            return;
        }
        Optional<String> applications = config.getInitParameter(AlbServletContainerInitializer.REGISTERED) == null
                ? Optional.empty() : anotherAlbFilter(context, config.getFilterName());
        if (applications.isPresent()) {
            LOG.info("albtarget filter '" + config.getFilterName() + "' from the container initializer passes"
                    + " requests through: the application registers its own albtarget filter '"
                    + applications.get() + "'");
            return;
        }
        AlbSettings settings;
        try {
            settings = ServletSettings.bind(config);
            if (!settings.enabled()) {
                LOG.info("albtarget is switched off (alb.enabled=false)");
                return;
            }
            AlbTarget target = AlbTarget.create(settings);
            Thread hook = new Thread(target.drain()::run, "albtarget-drain");
            act(context, config, new Active(target, hook));
            Runtime.getRuntime().addShutdownHook(hook);
            target.start();
        } catch (IllegalArgumentException e) {
            throw new ServletException("albtarget: " + e.getMessage(), e);
        }
    }

    private static Optional<String> anotherAlbFilter(ServletContext context, String name) {
        return context.getFilterRegistrations().values().stream()
                .filter(registration -> !registration.getName().equals(name)
                        && AlbFilter.class.getName().equals(registration.getClassName()))
                .map(FilterRegistration::getName).findFirst();
    }

    private void act(ServletContext context, FilterConfig config, Active acting) {
        active = acting;
        context.setAttribute(ACTIVE, config.getFilterName());
        context.setAttribute(AlbTarget.class.getName(), acting.target());
        LOG.debug(() -> "albtarget filter active with " + acting.target().settings());
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
        AlbTarget target = acting.target();
        Verdict verdict = target.judge(new ServletRequestView(http));
        if (!verdict.isAccepted()) {
            LOG.debug(() -> "rejected a request from " + http.getRemoteAddr() + ": " + verdict);
            answer(http, httpResponse, Refusal.answer(verdict));
            return;
        }
        if (verdict.closesConnection()) {
            httpResponse.setHeader("Connection", "close");
        }
        String path = http.getRequestURI();
        AlbHealth health = target.health();
        if (health.isHealthCheckPath(path)
                && health.isHealthCheck(http.getMethod(), path, http.getHeader("User-Agent"))) {
            answer(http, httpResponse, health.answer());
            return;
        }
        Drain drain = target.drain();
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

    /** Writes an answer albtarget gives itself, a health answer or a refusal. */
    private static void answer(HttpServletRequest request, HttpServletResponse response, Answer answer)
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
     * The target this filter serves: its health (register indicators there), its drain.
     *
     * @throws IllegalStateException if the filter is not initialised, switched off, or passing requests through
     *     to another albtarget filter
     */
    public AlbTarget target() {
        return acting().target();
    }

    private Active acting() {
        Active acting = active;
        if (acting == null) {
            throw new IllegalStateException("the albtarget filter is not acting: not initialised yet,"
                    + " switched off (alb.enabled=false), or another albtarget filter acts in this context");
        }
        return acting;
    }

    /**
     * A target the filter owns drains without the wait: health turns 503, and in-flight requests get up to
     * {@code alb.drain.timeout} to finish. A target someone else owns is theirs to drain.
     */
    @Override
    public void destroy() {
        Active acting = active;
        Thread hook = acting == null ? null : acting.shutdownHook();
        if (acting == null || hook == null) {
            return;
        }
        acting.target().drain().runWithoutWait();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook has run or will return at once, the drain being over
        }
    }
}
