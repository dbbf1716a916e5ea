package dev.spotifylake.common;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Constructor;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Lets picocli build commands and mixins that need the {@link Environment}: a class with a constructor taking one
 * gets it, any other class is built by picocli's default factory.
 */
public final class EnvironmentFactory implements IFactory {
    private final Environment environment;

    public EnvironmentFactory(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Environment.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(environment));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
