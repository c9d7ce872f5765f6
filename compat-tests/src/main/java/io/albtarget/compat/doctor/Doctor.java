package io.albtarget.compat.doctor;

import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.check.SelfCheck;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The doctor command: checks a target as the ALB sees it and exits 0 when no check failed, 1 when one did, and 2
 * on bad usage or when the target cannot be reached.
 */
@Command(name = "albtarget-doctor", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Doctor.Version.class, subcommands = AutoComplete.GenerateCompletion.class,
        description = {"Checks an HTTP or HTTPS target as an AWS Application Load Balancer sees it: the health"
                + " checker's exact request and its Host forms, header lines servers read differently, the server's"
                + " idle timeout against the ALB's, the settings against each other, and for https:// URLs the ALB's"
                + " TLS handshake and the key files. Each problem is named with"
                + " the ALB symptom (a reason code such as Target.ResponseCodeMismatch, or the HTTP 502/504 clients"
                + " would get) and the fix.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no check failed", "1:a check failed",
            "2:bad usage, or the target cannot be reached (refused, timed out, DNS)"})
public final class Doctor implements Callable<Integer> {

    static final int FAILED = 1;
    static final int UNUSABLE = 2;

    @Parameters(index = "0", paramLabel = "URL", description = "the target, http://HOST:PORT or https://HOST:PORT;"
            + " a path in the URL is the health-check path")
    private @Nullable URI url;

    @Option(names = "--path", paramLabel = "P", description = "the target group's health-check path (default: the"
            + " URL's path, else /health)")
    private @Nullable String path;

    @Option(names = "--matcher", paramLabel = "M", defaultValue = "200",
            description = "the success codes: 200, 200,202 or 200-299 (default: ${DEFAULT-VALUE})")
    private String matcher = "200";

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5s",
            description = "the health-check timeout, 2s to 120s (default: ${DEFAULT-VALUE})")
    private String timeout = "5s";

    @Option(names = "--interval", paramLabel = "D", defaultValue = "30s",
            description = "the health-check interval, 5s to 300s, more than the timeout (default: ${DEFAULT-VALUE})")
    private String interval = "30s";

    @Option(names = "--idle-timeout", paramLabel = "D", defaultValue = "60s",
            description = "the load balancer's idle timeout, 1s to 4000s (default: ${DEFAULT-VALUE})")
    private String idleTimeout = "60s";

    @Option(names = "--keep-alive-margin", paramLabel = "D", defaultValue = "5s",
            description = "how much longer than the idle timeout the server must keep idle connections"
                    + " (default: ${DEFAULT-VALUE})")
    private String margin = "5s";

    @Option(names = "--host-header", paramLabel = "H", description = "send this Host instead of the ALB's own"
            + " form (the target's IP, with :port unless 80 or 443)")
    private @Nullable String hostHeader;

    @Option(names = "--skip-keep-alive", description = "do not measure the server's idle timeout (the measurement"
            + " takes the idle timeout plus the margin)")
    private boolean skipKeepAlive;

    @Option(names = "--json", description = "print the report as JSON, for CI")
    private boolean json;

    @Option(names = "--tls-policy", paramLabel = "NAME", defaultValue = "both", description = "for https:// URLs,"
            + " the back-end policy the ALB offers: ELBSecurityPolicy-2016-08, ELBSecurityPolicy-TLS13-1-0-2021-06"
            + " (when the listener uses a TLS 1.3 policy), or both (default: ${DEFAULT-VALUE})")
    private String tlsPolicy = "both";

    @CommandLine.ArgGroup(exclusive = true)
    private @Nullable KeyFileOptions keyFiles;

    @CommandLine.Spec
    private CommandLine.Model.@Nullable CommandSpec spec;

    private Doctor() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command and returns its exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new Doctor());
        line.setOut(out);
        line.setErr(err);
        line.setExitCodeExceptionMapper(e -> UNUSABLE);
        return line.execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.Model.CommandSpec command = Objects.requireNonNull(spec);
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Target target;
        AlbSettings settings;
        try {
            target = Target.of(Objects.requireNonNull(url));
            settings = settings(target);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage(), e);
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
        } catch (UnknownHostException e) {
            err.println("albtarget-doctor: cannot reach " + target + ": DNS has no address for " + target.host());
            return UNUSABLE;
        }
        String unreachable = Reach.problem(address);
        if (!unreachable.isEmpty()) {
            err.println("albtarget-doctor: cannot reach " + target + ": " + unreachable);
            return UNUSABLE;
        }
        CheckTarget checked = CheckTarget.remote(address).tls(target.tls());
        if (hostHeader != null) {
            checked = checked.hostHeader(hostHeader);
        }
        if (keyFiles != null) {
            checked = keyFiles.applyTo(checked);
        }
        SelfCheck selfCheck = SelfCheck.of(settings, checked);
        Report report = selfCheck.run();
        if (!json) {
            out.print(report.toText());
            out.flush();
        }
        if (!skipKeepAlive) {
            Progress progress = Progress.start(err, selfCheck.keepAliveWatch(), settings);
            List<Finding> measured;
            try {
                measured = selfCheck.measureKeepAlive().findings();
            } finally {
                progress.close();
            }
            if (!json) {
                out.print(Report.of(report.target() + ", idle connection", measured).toText());
            }
            report = report.with(measured);
        }
        if (json) {
            out.println(report.toJson());
        } else {
            out.println(report.hasFailures() ? "FAIL: the ALB would show the symptoms above" : "no check failed");
        }
        out.flush();
        return report.hasFailures() ? FAILED : 0;
    }

    private AlbSettings settings(Target target) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("alb.health-check.path", path != null ? path : target.path().orElse("/health"));
        properties.put("alb.health-check.protocol", target.tls() ? "HTTPS" : "HTTP");
        properties.put("alb.health-check.matcher", matcher);
        properties.put("alb.health-check.timeout", timeout);
        properties.put("alb.health-check.interval", interval);
        properties.put("alb.idle-timeout", idleTimeout);
        properties.put("alb.keep-alive.margin", margin);
        if (!tlsPolicy.equalsIgnoreCase("both")) {
            if (!target.tls()) {
                throw new IllegalArgumentException("--tls-policy needs an https:// URL, but the URL was http://");
            }
            properties.put("alb.tls.backend-policy", tlsPolicy);
        }
        try {
            return AlbSettings.bind(properties, Map.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Options.rename(e.getMessage()), e);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Doctor.class.getPackage().getImplementationVersion();
            return new String[] {"albtarget-doctor " + (version == null ? "(development build)" : version)};
        }
    }
}
