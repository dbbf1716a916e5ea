package dev.spotifylake.common;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Field;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place where options meet the environment. An option declared with {@link Env} takes its variable's value
 * from the injected {@link Environment} when it is not given on the command line, else its own {@code defaultValue}
 * (picocli's defaults, {@code ${DEFAULT-VALUE}} in help, conversion and validation all apply as usual). So an
 * option with an environment fallback is declared once, on its field:
 *
 * <pre>
 * &#64;Option(names = "--aws-region", defaultValue = "us-east-1",
 *         description = "AWS region of the bucket (env AWS_REGION; default: ${DEFAULT-VALUE}).")
 * &#64;Env("AWS_REGION")
 * private String region;
 * </pre>
 *
 * What no option may carry, secrets, mixins read from {@link #environment(CommandSpec)}. The environment is
 * injected rather than read from {@link System#getenv()} so that tests run the command line in-process with one of
 * their own.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Environment environment;

    public EnvironmentDefaults(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument.userObject() instanceof Field field && field.isAnnotationPresent(Env.class)) {
            return environment.get(field.getAnnotation(Env.class).value()).orElse(null);
        }
        return null;
    }

    /** The environment of the command line that {@code spec} (a command, or the command a mixin is mixed into) is part of. */
    public static Environment environment(CommandSpec spec) {
        return ((EnvironmentDefaults) spec.root().defaultValueProvider()).environment;
    }

    /**
     * The value of an option of {@code spec} declared with {@link Env} without which a task cannot start: when
     * neither the option nor its variable is set, exit 2 with a line naming both.
     */
    public static String required(CommandSpec spec, String option) {
        OptionSpec declared = requireNonNull(spec.findOption(option), option + " is not an option of " + spec.name());
        String value = declared.getValue();
        if (value == null || value.isBlank()) {
            String variable = ((Field) declared.userObject()).getAnnotation(Env.class).value();
            throw TaskException.notRetryable("missing configuration: set " + variable + " or pass " + option);
        }
        return value;
    }
}
