package io.albtarget.benchmarks;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.servlet.AlbFilter;
import io.albtarget.servlet.tomcat.AlbTomcat;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat answering {@code hello} with one part of albtarget switched on at a time, so that a load test
 * can tell what each part costs: {@code java -cp benchmarks/target/albtarget-benchmarks.jar
 * io.albtarget.benchmarks.TomcatParts PART PORT}.
 */
public final class TomcatParts {

    /** What runs in front of the hello servlet. */
    enum Part {
        /** Tomcat as it comes: at most 100 requests per connection. */
        PLAIN,
        /** Tomcat as it comes, but without the cap of 100 requests per connection (what albtarget's tuning does). */
        UNCAPPED,
        /** albtarget's connector: the byte guard and the keep-alive tuning, no filter. */
        CONNECTOR,
        /** Tomcat as it comes, with a filter that only passes requests on: what any filter costs. */
        EMPTY_FILTER,
        /** Tomcat as it comes, with albtarget's filter. */
        FILTER,
        /** albtarget's connector and filter, as the servlet example runs them. */
        ALL
    }

    private TomcatParts() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: TomcatParts PLAIN|UNCAPPED|CONNECTOR|EMPTY_FILTER|FILTER|ALL PORT");
            System.exit(2);
        }
        Part part = Part.valueOf(args[0].toUpperCase(Locale.ROOT));
        int port = Integer.parseInt(args[1]);
        AlbSettings settings = AlbSettings.defaults();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("albtarget-parts").toString());
        Connector connector;
        if (part == Part.CONNECTOR || part == Part.ALL) {
            connector = AlbTomcat.connector(port, settings);
        } else {
            connector = new Connector();
            connector.setPort(port);
            if (part == Part.UNCAPPED) {
                connector.setProperty("maxKeepAliveRequests", "-1");
            }
        }
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        if (part == Part.EMPTY_FILTER) {
            AlbTomcat.addFilterFirst(context, (request, response, chain) -> chain.doFilter(request, response));
        } else if (part == Part.FILTER || part == Part.ALL) {
            AlbTarget target = AlbTarget.create(settings);
            target.start();
            AlbTomcat.addFilterFirst(context, new AlbFilter(target));
        }
        Tomcat.addServlet(context, "hello", new Hello()).addMapping("/");
        tomcat.start();
        System.out.println("listening on port " + connector.getLocalPort() + " with " + part);
        tomcat.getServer().await();
    }

    /** Answers {@code hello}, like the servlet example. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }
}
