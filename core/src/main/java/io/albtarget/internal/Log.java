package io.albtarget.internal;

import java.util.function.Supplier;

/**
 * albtarget's log: SLF4J when the application has an SLF4J provider (Logback under Spring Boot and Micronaut, or
 * any other binding), otherwise the JDK's {@link System.Logger}, which writes to java.util.logging unless the
 * application routes it elsewhere. Messages are formatted by the caller, so both ends print the same text.
 */
public final class Log {

    private static final boolean SLF4J = Slf4j.available();

    private final String name;
    private final System.Logger jdk;

    private Log(String name) {
        this.name = name;
        this.jdk = System.getLogger(name);
    }

    /** The log of a class, by its name. */
    public static Log of(Class<?> type) {
        return new Log(type.getName());
    }

    /** A log by name. */
    public static Log named(String name) {
        return new Log(name);
    }

    public void error(String message) {
        log(System.Logger.Level.ERROR, message);
    }

    public void warn(String message) {
        log(System.Logger.Level.WARNING, message);
    }

    public void info(String message) {
        log(System.Logger.Level.INFO, message);
    }

    /** Builds the message only when debug logging is on. */
    public void debug(Supplier<String> message) {
        if (SLF4J ? Slf4j.isDebugEnabled(name) : jdk.isLoggable(System.Logger.Level.DEBUG)) {
            log(System.Logger.Level.DEBUG, message.get());
        }
    }

    private void log(System.Logger.Level level, String message) {
        if (SLF4J) {
            Slf4j.log(name, level, message);
        } else {
            // the String-supplier form, so that braces and apostrophes in messages are printed as they are
            jdk.log(level, () -> message);
        }
    }

    /** The only class that names SLF4J types; loaded only when SLF4J is on the class path. */
    private static final class Slf4j {

        static boolean available() {
            try {
                Class.forName("org.slf4j.LoggerFactory", false, Log.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
            return Bound.check();
        }

        static boolean isDebugEnabled(String name) {
            return org.slf4j.LoggerFactory.getLogger(name).isDebugEnabled();
        }

        static void log(String name, System.Logger.Level level, String message) {
            org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(name);
            switch (level) {
                case ERROR -> logger.error(message);
                case WARNING -> logger.warn(message);
                case INFO -> logger.info(message);
                default -> logger.debug(message);
            }
        }

        private static final class Bound {
            // SLF4J without a provider discards everything: then the JDK's logger is the better choice
            static boolean check() {
                return !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory);
            }
        }
    }
}
