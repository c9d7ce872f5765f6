package io.albtarget.check;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import io.albtarget.probe.AlbRequest;
import io.albtarget.probe.Exchange;
import io.albtarget.probe.HttpProbe;
import java.net.InetSocketAddress;
import java.util.Locale;

/** What the checks share: the settings, the target, and a probe of the target's health-check port. */
final class Probing {

    private final AlbSettings settings;
    private final CheckTarget target;
    private final HttpProbe probe;
    private final int healthPort;

    Probing(AlbSettings settings, CheckTarget target) {
        this.settings = settings;
        this.target = target;
        this.healthPort = settings.healthCheckPort().orElse(target.address().getPort());
        this.probe = HttpProbe.to(new InetSocketAddress(target.address().getAddress(), healthPort))
                .tls(target.usesTls());
    }

    AlbSettings settings() {
        return settings;
    }

    CheckTarget target() {
        return target;
    }

    HttpProbe probe() {
        return probe;
    }

    /** The {@code Host} the checks send. */
    String host() {
        return target.host(healthPort);
    }

    int healthPort() {
        return healthPort;
    }

    /** The ALB's health-check request to the health path with a {@code Host}, within the health-check timeout. */
    Exchange healthCheck(String host) {
        return probe.exchange(AlbRequest.healthCheck(settings.healthCheckPath(), host), settings.timeout());
    }

    /** A request within the health-check timeout. */
    Exchange send(AlbRequest request) {
        return probe.exchange(request, settings.timeout());
    }

    /** The report title: where, and the target group as the checks assume it. */
    String title() {
        return String.format(Locale.ROOT,
                "%s as the ALB sees it (%s %s, matcher %s, timeout %s, idle %s)", probe, settings.healthCheckProtocol(),
                settings.healthCheckPath(), settings.matcher(), Durations.format(settings.timeout()),
                Durations.format(settings.idleTimeout()));
    }
}
