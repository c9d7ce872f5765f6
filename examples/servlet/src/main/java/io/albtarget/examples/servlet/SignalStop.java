package io.albtarget.examples.servlet;

import io.albtarget.health.Drain;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The example's stop on SIGTERM or SIGINT: the first signal stops the self-check (so that a keep-alive measurement
 * the stop cuts short is not taken for the server's idle timeout), drains, stops Tomcat and exits with 128 + the
 * signal's number, as the JVM itself would; a second one during the drain cuts the drain short, so that Tomcat stops
 * now.
 */
final class SignalStop {

    private final Runnable stopSelfCheck;
    private final Drain drain;
    private final Runnable stopServer;
    private final AtomicBoolean stopping = new AtomicBoolean();

    SignalStop(Runnable stopSelfCheck, Drain drain, Runnable stopServer) {
        this.stopSelfCheck = stopSelfCheck;
        this.drain = drain;
        this.stopServer = stopServer;
    }

    void onSignal(StopSignals.Received signal) {
        if (!stopping.compareAndSet(false, true)) {
            System.out.println("albtarget example: " + signal.name() + " again; cutting the drain short");
            drain.cutShort();
            return;
        }
        System.out.println("albtarget example: " + signal.name() + "; draining, a second SIGTERM or Ctrl-C stops"
                + " at once");
        stopSelfCheck.run();
        // not a daemon, as the signal's own thread is: the process must not end before this thread exits it
        Thread stop = new Thread(() -> {
            drain.run();
            stopServer.run();
            System.exit(128 + signal.number());
        }, "albtarget-example-stop");
        stop.setDaemon(false);
        stop.start();
    }
}
