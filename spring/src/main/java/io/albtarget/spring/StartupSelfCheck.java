package io.albtarget.spring;

import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.Report;
import io.albtarget.check.SelfCheck;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.WebServer;

/**
 * The self-check of the application's web server, run once when the application is ready, on the port it really
 * listens on (a random port included), and stopped when the context closes.
 *
 * <p>{@code alb.self-check} decides what it does: {@code log} runs it in the background, {@code fail} runs the
 * fast checks at once and throws {@link io.albtarget.check.SelfCheckFailedException} with the report, {@code off}
 * skips it. Its findings go to the application's logging.
 */
final class StartupSelfCheck {

    private final AlbSettings settings;
    private final List<ServerSelfCheck> servers;
    private final AtomicReference<@Nullable SelfCheck> running = new AtomicReference<>();
    private volatile @Nullable CompletableFuture<Report> report;

    StartupSelfCheck(AlbSettings settings, List<ServerSelfCheck> servers) {
        this.settings = settings;
        this.servers = List.copyOf(servers);
    }

    /**
     * Starts the self-check of a server that listens; does nothing after the first call.
     *
     * @throws io.albtarget.check.SelfCheckFailedException with {@code alb.self-check=fail}, if a fast check failed
     */
    void start(WebServer server) {
        SelfCheck check = of(server);
        if (running.compareAndSet(null, check)) {
            report = check.start();
        }
    }

    private SelfCheck of(WebServer server) {
        for (ServerSelfCheck adapter : servers) {
            SelfCheck check = adapter.of(server);
            if (check != null) {
                return check;
            }
        }
        return SelfCheck.of(settings, CheckTarget.local(server.getPort()));
    }

    /** Stops a keep-alive measurement under way, before the server closes its connections. */
    void stop() {
        SelfCheck check = running.get();
        if (check != null) {
            check.stop();
        }
    }

    /** The whole report, once the keep-alive measurement is done; empty before. */
    Optional<Report> report() {
        CompletableFuture<Report> whole = report;
        return whole == null ? Optional.empty() : Optional.ofNullable(whole.getNow(null));
    }
}
