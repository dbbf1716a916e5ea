package dev.spotifylake.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variable an {@code @Option} field falls back to when the option is not given, before its own
 * {@code defaultValue}: {@code @Option(names = "--lake-uri", description = "... (env LAKE_URI).") @Env("LAKE_URI")}.
 * {@link EnvironmentDefaults} reads it; the option's description names the variable for {@code --help}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Env {
    String value();
}
