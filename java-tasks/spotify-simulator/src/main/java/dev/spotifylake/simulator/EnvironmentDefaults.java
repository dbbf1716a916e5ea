package dev.spotifylake.simulator;

import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option that has a default takes it from the environment first, from the variable named after it:
 * {@code --rate-window-s} from {@code SIMULATOR_RATE_WINDOW_S}. One rule instead of a name per option, so that the
 * stack's scripts can set any of them.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.defaultValue() == null) {
            return null;
        }
        String value = System.getenv(variable(option));
        return value == null || value.isEmpty() ? null : value;
    }

    static String variable(OptionSpec option) {
        return "SIMULATOR_" + option.longestName().replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
