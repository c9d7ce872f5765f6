package io.albtarget.servlet;

import io.albtarget.AlbSettings;
import io.albtarget.Verdict;
import io.albtarget.http.RequestCompliance;
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
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The servlet filter that makes an application behave as a target behind an AWS Application Load Balancer.
 *
 * <p>It judges every request before the rest of the chain: header-line syntax, the Host header (the ALB health
 * checker's {@code IP} and {@code IP:port} forms are accepted, foreign and malformed hosts are not) and body
 * framing. A rejected request gets the rule's status (400, or 501 for an unsupported Transfer-Encoding), a one-line
 * plain-text reason and {@code Connection: close}; the chain never sees it.
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

    private static final System.Logger LOG = System.getLogger(AlbFilter.class.getName());
    private static final String ACTIVE = AlbFilter.class.getName() + ".active";

    private final @Nullable AlbSettings given;
    private volatile @Nullable RequestCompliance compliance;

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
                LOG.log(System.Logger.Level.INFO, "albtarget is switched off (alb.enabled=false)");
                return;
            }
            ServletContext context = config.getServletContext();
            if (context.getAttribute(ACTIVE) != null) {
                LOG.log(System.Logger.Level.INFO, "albtarget filter ''{0}'' passes requests through: another"
                        + " albtarget filter already acts in this context", config.getFilterName());
                return;
            }
            compliance = RequestCompliance.of(settings);
            context.setAttribute(ACTIVE, config.getFilterName());
        } catch (IllegalArgumentException e) {
            throw new ServletException("albtarget: " + e.getMessage(), e);
        }
        LOG.log(System.Logger.Level.DEBUG, "albtarget filter active with {0}", settings);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestCompliance rules = compliance;
        if (rules == null || !(request instanceof HttpServletRequest)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        Verdict verdict = rules.judge(new ServletRequestView(http));
        if (verdict.isAccepted()) {
            chain.doFilter(request, response);
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "rejected a request from {0}: {1}", http.getRemoteAddr(), verdict);
        reject((HttpServletResponse) response, verdict);
    }

    private static void reject(HttpServletResponse response, Verdict verdict) throws IOException {
        byte[] body = (verdict.reason() + "\n").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(verdict.status());
        response.setHeader("Connection", "close");
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    @Override
    public void destroy() {
        compliance = null;
    }
}
