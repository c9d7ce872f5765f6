package io.albtarget;

import io.albtarget.InvalidSettingsException.Problem;
import io.albtarget.internal.Log;
import io.albtarget.internal.Printable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Binds {@link AlbSettings} from text per {@link Setting}, reporting every problem at once. */
final class SettingsBinder {

    private static final Log LOG = Log.named("io.albtarget.settings");

    private SettingsBinder() {
    }

    static AlbSettings bind(Function<String, @Nullable String> lookup) {
        return bind(setting -> lookup.apply(setting.property()), new ArrayList<>());
    }

    static AlbSettings bind(Map<String, String> properties, Map<String, String> environment) {
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        List<Problem> problems = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (!name.startsWith("ALB_")) {
                return;
            }
            Setting setting = byEnvironment(name);
            if (setting == null) {
                LOG.warn("ignoring environment variable " + Printable.of(name) + ": no alb.* setting has"
                        + " that name (did you mean " + closest(name, true).environmentVariable() + "?)");
            } else if (!value.isBlank()) {
                given.put(setting, value);
            }
        });
        properties.forEach((name, value) -> {
            if (!name.regionMatches(true, 0, "alb.", 0, 4)) {
                return;
            }
            Setting setting = byProperty(name);
            if (setting == null) {
                problems.add(Problem.unknown(name, value, String.format(Locale.ROOT,
                        "unknown setting %s (did you mean %s?)", Printable.of(name), closest(name, false).property())));
            } else if (!value.isBlank()) {
                given.put(setting, value);
            }
        });
        return bind(given::get, problems);
    }

    /** The one path of every binding: blank is unset, and {@code alb.enabled=false} wins over broken values. */
    private static AlbSettings bind(Function<Setting, @Nullable String> source, List<Problem> problems) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = source.apply(setting);
            if (value != null && !value.isBlank()) {
                values.put(setting, value);
            }
        }
        AlbSettings.Builder builder = AlbSettings.builder();
        String enabled = values.remove(Setting.ENABLED);
        if (enabled != null) {
            bind(builder, Setting.ENABLED, enabled, problems);
            if (problems.isEmpty() && enabled.strip().equalsIgnoreCase("false")) {
                return builder.build();
            }
        }
        values.forEach((setting, value) -> bind(builder, setting, value, problems));
        if (problems.isEmpty()) {
            try {
                return builder.build();
            } catch (InvalidSettingsException e) {
                problems.addAll(e.problems());
            }
        }
        throw new InvalidSettingsException(problems);
    }

    private static void bind(AlbSettings.Builder builder, Setting setting, String value, List<Problem> problems) {
        try {
            setting.bind(builder, value);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            problems.add(Problem.of(setting, value,
                    message.startsWith(setting.property()) ? message : setting.property() + ": " + message));
        }
    }

    private static @Nullable Setting byProperty(String name) {
        for (Setting setting : Setting.values()) {
            if (setting.property().equalsIgnoreCase(name)) {
                return setting;
            }
        }
        return null;
    }

    private static @Nullable Setting byEnvironment(String name) {
        for (Setting setting : Setting.values()) {
            if (setting.environmentVariable().equals(name)) {
                return setting;
            }
        }
        return null;
    }

    private static Setting closest(String name, boolean environment) {
        String wanted = name.toLowerCase(Locale.ROOT);
        Setting best = Setting.values()[0];
        int bestDistance = Integer.MAX_VALUE;
        for (Setting setting : Setting.values()) {
            String candidate = environment ? setting.environmentVariable() : setting.property();
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = setting;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance: a typo is a few edits away from the setting that was meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
