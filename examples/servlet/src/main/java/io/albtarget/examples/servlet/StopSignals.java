package io.albtarget.examples.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT (Ctrl-C) handed to the application instead of starting the JVM's shutdown.
 *
 * <p>The JVM runs its shutdown hooks once: a signal that arrives while they run waits behind them and is never
 * seen, so an application that wants to hear a second signal must handle the signals itself. On JDK 17 the only
 * way is {@code sun.misc.Signal} in the jdk.unsupported module: each signal is handled on a new thread, and the
 * JVM's own shutdown no longer runs on it. It is reached by reflection, because the build fails on the compiler's
 * warning about internal API, and so that a runtime without jdk.unsupported (a jlink image without it) or a JVM
 * that keeps the signals to itself ({@code -Xrs}) is reported to the caller rather than failing to load.
 */
final class StopSignals {

    /** A signal as the handler hears it: its name, such as {@code SIGTERM}, and its number. */
    record Received(String name, int number) {
    }

    private StopSignals() {
    }

    /**
     * Hands SIGTERM and SIGINT to {@code handler}, each on a thread of its own.
     *
     * @throws ReflectiveOperationException if the runtime has no {@code sun.misc.Signal}, or refuses a handler
     *     for a signal (then an {@link java.lang.reflect.InvocationTargetException})
     */
    static void handle(Consumer<Received> handler) throws ReflectiveOperationException {
        Class<?> signalType = Class.forName("sun.misc.Signal");
        Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
        MethodHandle accept = MethodHandles.publicLookup().findVirtual(Consumer.class, "accept",
                MethodType.methodType(void.class, Object.class));
        for (String name : List.of("TERM", "INT")) {
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            Received received = new Received("SIG" + name, (int) signalType.getMethod("getNumber").invoke(signal));
            // the JDK passes its Signal object, which this class cannot name; the Received made here stands for it
            MethodHandle onSignal = MethodHandles.dropArguments(
                    MethodHandles.insertArguments(accept, 0, handler, received), 0, signalType);
            Object signalHandler = MethodHandleProxies.asInterfaceInstance(handlerType, onSignal);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, signalHandler);
        }
    }
}
