/**
 * Tomcat 11 support: {@link io.albtarget.servlet.tomcat.AlbHttp11NioProtocol}, an HTTP/1.1 NIO protocol whose
 * connections pass every request head through albtarget's byte guard before Tomcat parses it (so a folded or
 * empty-name header line gets Tomcat's own 400 instead of being silently unfolded), and
 * {@link io.albtarget.servlet.tomcat.AlbTomcat}, which builds such a connector and keeps Tomcat's idle connections
 * open longer than the load balancer's.
 */
@NullMarked
package io.albtarget.servlet.tomcat;

import org.jspecify.annotations.NullMarked;
