package io.albtarget;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when {@code alb.*} settings cannot be bound or built, with every problem found at once.
 *
 * <p>The message holds every problem; {@link #problems()} gives them one by one, so that a framework can report
 * each with its property, the allowed range ({@link Setting#range()}) and the value given:
 * <pre>{@code
 * } catch (InvalidSettingsException e) {
 *     for (InvalidSettingsException.Problem problem : e.problems()) {
 *         String range = problem.setting().map(Setting::range).orElse("a known alb.* setting");
 *         log(problem.property() + " = '" + problem.value() + "': allowed " + range);
 *     }
 * }
 * }</pre>
 */
public final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    InvalidSettingsException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found (never empty). */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        return problems.size() == 1 ? problems.get(0).message()
                : problems.stream().map(Problem::message)
                        .collect(Collectors.joining("; ", problems.size() + " invalid alb.* settings: ", ""));
    }

    /**
     * One setting that was refused: an invalid value, a value that contradicts another setting, or a name that is
     * no setting at all.
     *
     * <p>Instances are immutable and thread-safe.
     */
    public static final class Problem {

        private final @Nullable Setting setting;
        private final String property;
        private final String value;
        private final String message;

        private Problem(@Nullable Setting setting, String property, String value, String message) {
            this.setting = setting;
            this.property = property;
            this.value = value;
            this.message = message;
        }

        static Problem of(Setting setting, String value, String message) {
            return new Problem(setting, setting.property(), value, message);
        }

        static Problem unknown(String property, String value, String message) {
            return new Problem(null, property, value, message);
        }

        /** The setting refused; empty when the property names no setting. */
        public Optional<Setting> setting() {
            return Optional.ofNullable(setting);
        }

        /** The property as it was given, e.g. {@code alb.health-check.interval}. */
        public String property() {
            return property;
        }

        /** The value as it was given, e.g. {@code 2s}. */
        public String value() {
            return value;
        }

        /**
         * What is wrong, naming the property, the allowed range and the value, e.g. {@code
         * alb.health-check.interval must be between 5s and 300s, but was 2s}; an unknown property's message names
         * the closest setting.
         */
        public String message() {
            return message;
        }

        @Override
        public String toString() {
            return message;
        }
    }
}
