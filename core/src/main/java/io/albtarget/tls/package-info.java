/**
 * The TLS self-test: whether a target's HTTPS connector accepts the handshake the ALB makes to it, and whether its
 * key and certificate files are usable.
 *
 * <p>With an HTTPS target group the ALB opens TLS to the target as a client offering exactly one back-end policy
 * ({@link io.albtarget.tls.BackendPolicy}): {@code ELBSecurityPolicy-TLS13-1-0-2021-06} when the HTTPS listener
 * uses a TLS 1.3 policy, otherwise {@code ELBSecurityPolicy-2016-08}. It sends no SNI (as far as AWS documents),
 * validates no certificate and gives up after 10 s. A target whose protocols, suites or key do not meet the offer
 * fails every handshake: HTTP 502 to clients and failed health checks ({@code Target.FailedHealthChecks}).
 *
 * <p>{@link io.albtarget.tls.TlsSelfTest} makes that handshake and the ones around it, and returns a
 * {@link io.albtarget.tls.PolicyResult} per policy; {@link io.albtarget.tls.KeyMaterial} loads and checks key
 * stores and PEM files.
 *
 * <p>Not supported: the FIPS back-end policy {@code ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04}, which the ALB offers
 * when the listener uses a FIPS policy. Its suites could not be confirmed from a primary source, so they are not
 * modelled, and {@link io.albtarget.tls.BackendPolicy#forListenerPolicy(String)} refuses FIPS listener policies.
 *
 * <p>BouncyCastle ({@code bctls-jdk18on}, {@code bcpkix-jdk18on}, 1.84) is an optional dependency: without it the
 * self-test returns SKIP results and PEM files cannot be read, while the rest of albtarget-core is unaffected. It
 * is never registered as a JCA provider.
 */
@NullMarked
package io.albtarget.tls;

import org.jspecify.annotations.NullMarked;
