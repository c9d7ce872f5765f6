package io.albtarget.examples.servlet;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.check.SelfCheck;
import io.albtarget.check.SelfCheckFailedException;
import io.albtarget.servlet.AlbFilter;
import io.albtarget.servlet.tomcat.AlbTomcat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.LogManager;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.juli.ClassLoaderLogManager;
import org.jspecify.annotations.Nullable;

/**
 * A plain embedded Tomcat 11 application behind albtarget: {@code /} answers {@code hello}, {@code /slow?ms=N}
 * answers after N milliseconds.
 *
 * <p>The port comes from {@code PORT} (default 8080); albtarget's settings from {@code ALB_*} environment variables
 * and {@code -Dalb.*} system properties. On SIGTERM (or Ctrl-C) the app drains: health answers 503 at once, other
 * requests are served for {@code alb.drain.wait}, in-flight requests finish, then Tomcat stops and the process
 * exits; a second SIGTERM or Ctrl-C cuts the drain short. A port it cannot listen on stops it at once, exit code 1.
 */
public final class ExampleApp {

    private ExampleApp() {
    }

    public static void main(String[] args) throws Exception {
        // Tomcat's log manager ignores the JDK's reset of logging at the start of shutdown, so the drain's phases,
        // logged from shutdown hooks, are still written; logging is shut down once Tomcat has stopped
        System.setProperty("java.util.logging.manager", ClassLoaderLogManager.class.getName());
        // one line per record, so the self-check's report reads as a report
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        if (LogManager.getLogManager() instanceof ClassLoaderLogManager logs) {
            logs.setUseShutdownHook(false);
        }
        int port;
        AlbSettings settings;
        @Nullable AlbTarget target;
        try {
            port = port(System.getenv().getOrDefault("PORT", "8080"));
            settings = AlbSettings.bind(systemProperties(), System.getenv());
            target = settings.enabled() ? AlbTarget.create(settings) : null;
        } catch (IllegalArgumentException e) {
            System.err.println("albtarget example: " + e.getMessage());
            System.exit(2);
            return;
        }
        Tomcat tomcat;
        try {
            tomcat = start(port, settings, target);
        } catch (LifecycleException e) {
            System.err.println("albtarget example: " + startFailure(port, e));
            System.exit(1);
            return;
        }
        SelfCheck selfCheck = AlbTomcat.selfCheck(tomcat.getConnector(), settings);
        if (target != null) {
            stopOnSignals(tomcat, target, selfCheck);
            target.start();
        }
        System.out.println("albtarget example listening on port " + tomcat.getConnector().getLocalPort()
                + " with " + settings);
        try {
            selfCheck.start().thenAccept(report -> System.out.print(report.toText()));
        } catch (SelfCheckFailedException e) {
            System.err.println("albtarget example: startup stopped by alb.self-check=fail: " + e.getMessage());
            stop(tomcat);
            System.exit(1);
        }
        tomcat.getServer().await();
    }

    private static String startFailure(int port, LifecycleException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return "cannot listen on port " + port + ": " + bind.getMessage() + "; set PORT to a free port";
            }
        }
        return "Tomcat did not start: " + e.getMessage();
    }

    /**
     * SIGTERM and Ctrl-C drain, then stop Tomcat, and a second one cuts the drain short; where the runtime keeps
     * the signals to itself, the drain runs in a shutdown hook, which a second signal cannot reach.
     */
    private static void stopOnSignals(Tomcat tomcat, AlbTarget target, SelfCheck selfCheck) {
        try {
            StopSignals.handle(new SignalStop(selfCheck::stop, target.drain(), () -> stop(tomcat))::onSignal);
        } catch (ReflectiveOperationException e) {
            Throwable reason = e instanceof InvocationTargetException thrown ? thrown.getCause() : e;
            System.out.println("albtarget example: the JVM keeps SIGTERM and SIGINT (" + reason + "); the drain"
                    + " runs in a shutdown hook, and a second signal cannot cut it short");
            Runtime.getRuntime().addShutdownHook(target.drain().shutdownHook(() -> stop(tomcat)));
            // the JVM runs its hooks together, and the drain closes no connection before its wait is over
            Runtime.getRuntime().addShutdownHook(new Thread(selfCheck::stop, "albtarget-self-check-stop"));
        }
    }

    private static void stop(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            System.err.println("albtarget example: " + e.getMessage());
        }
        if (LogManager.getLogManager() instanceof ClassLoaderLogManager logs) {
            logs.shutdown();
        }
    }

    /** Tomcat listening on the port, with albtarget's filter first in the chain when there is a target. */
    static Tomcat start(int port, AlbSettings settings, @Nullable AlbTarget target)
            throws IOException, LifecycleException {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("albtarget-example").toString());
        Connector connector = AlbTomcat.connector(port, settings);
        // a port it cannot bind fails the start, rather than Tomcat starting on without a connector
        connector.setThrowOnFailure(true);
        tomcat.setConnector(connector);
        // Tomcat's own error pages (its answer to a request its parser or albtarget's guard refused) would show a
        // stack trace and the server version to anyone who sends a bad request
        ErrorReportValve errors = new ErrorReportValve();
        errors.setShowReport(false);
        errors.setShowServerInfo(false);
        tomcat.getHost().getPipeline().addValve(errors);
        Context context = tomcat.addContext("", null);
        if (target != null) {
            AlbTomcat.addFilterFirst(context, new AlbFilter(target));
        }
        Tomcat.addServlet(context, "hello", new HelloServlet()).addMapping("/");
        Tomcat.addServlet(context, "slow", new SlowServlet()).addMapping("/slow");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            // ends the threads Tomcat started, so that nothing keeps the process alive
            tomcat.destroy();
            throw e;
        }
        return tomcat;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException("PORT must be between 0 and 65535, but was '" + text + "'");
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }

    /** Answers {@code hello}. */
    static final class HelloServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            text(response, 200, "hello");
        }
    }

    /** Answers after {@code ms} milliseconds, 0 to 600000. */
    static final class SlowServlet extends HttpServlet {
        private static final int MAX_MILLIS = 600_000;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String ms = request.getParameter("ms");
            long millis;
            try {
                millis = ms == null ? 1000 : Long.parseLong(ms);
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis < 0 || millis > MAX_MILLIS) {
                text(response, 400, "ms must be between 0 and " + MAX_MILLIS + ", but was '"
                        + String.valueOf(ms).replaceAll("[^0-9A-Za-z+-]", "?") + "'");
                return;
            }
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                text(response, 503, "interrupted");
                return;
            }
            text(response, 200, "slept " + millis + " ms");
        }
    }

    private static void text(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
