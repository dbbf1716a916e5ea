package dev.spotifylake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.spotifylake.common.Env;
import dev.spotifylake.common.Environment;
import dev.spotifylake.lake.LakeOptions;
import dev.spotifylake.testing.Cli;
import dev.spotifylake.testing.Options;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Options with an environment fallback, as {@link dev.spotifylake.common.EnvironmentDefaults} gives it. */
class EnvironmentDefaultsTest {
    @Test
    void anOptionNotGivenTakesItsVariableAndOtherwiseItsDefault() {
        assertThat(Options.parse(new LakeOptions(), Map.of("AWS_REGION", "eu-north-1")).region().id())
                .isEqualTo("eu-north-1");
        assertThat(Options.parse(new LakeOptions(), Map.of()).region().id()).isEqualTo("us-east-1");
    }

    @Test
    void anOptionGivenWinsOverItsVariable() {
        assertThat(Options.parse(new LakeOptions(), Map.of("AWS_REGION", "eu-north-1"), "--aws-region", "ap-south-1")
                .region().id()).isEqualTo("ap-south-1");
    }

    @Test
    void aRequiredSettingMissingFromBothIsOneLineNamingBothWithExitCode2() {
        Cli.run("load-s3", "--dt", "2026-11-20", "--dataset", "artists").exitCode(2)
                .errContains("error: missing configuration: set LAKE_URI or pass --lake-uri\n");
    }

    @Test
    void theHelpOfEveryOptionWithAVariableNamesIt() {
        List<String> checked = new ArrayList<>();
        CommandLine root = Main.commandLine(new Environment(Map.of()), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        root.getSubcommands().values().forEach(command -> {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.userObject() instanceof Field field && field.isAnnotationPresent(Env.class)) {
                    String variable = field.getAnnotation(Env.class).value();
                    assertThat(String.join(" ", option.description())).as("help of %s", option.longestName())
                            .contains("env " + variable);
                    checked.add(option.longestName());
                }
            }
        });
        assertThat(checked).contains("--lake-uri", "--mysql-jdbc-url", "--trino-url", "--table", "--spotify-api-url");
    }
}
