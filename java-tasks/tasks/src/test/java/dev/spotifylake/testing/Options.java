package dev.spotifylake.testing;

import java.util.Map;

import dev.spotifylake.common.Environment;
import dev.spotifylake.common.EnvironmentDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * An options mixin ({@code LakeOptions}, {@code MysqlOptions}...) filled as a task's command line fills it, for
 * tests that use it outside a task: {@code Options.parse(new LakeOptions(), stack).connect()}.
 */
public final class Options {
    private Options() {
    }

    /** The options after parsing {@code args}, the others from {@code environment} or their defaults. */
    public static <T> T parse(T options, Map<String, String> environment, String... args) {
        CommandLine commandLine = new CommandLine(new Holder(options));
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(new Environment(environment)));
        commandLine.parseArgs(args);
        return options;
    }

    /** A command for the options to be mixed into. */
    @Command
    private static final class Holder {
        @Mixin
        private Object options;

        Holder(Object options) {
            this.options = options;
        }
    }
}
