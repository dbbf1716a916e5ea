package dev.spotifylake.engine;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.spotifylake.common.TaskException;

/**
 * One statement of the repository's sql/ folder, which the build packs into the jar: comment lines first, then the
 * statement, with {@code ${NAME}} placeholders that {@link #render} fills in. The comments and a final semicolon
 * are dropped, since neither Athena's API nor Trino's JDBC driver takes them.
 */
public final class SqlTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");
    /** Values end up inside quotes and identifiers: none of these may appear in them. */
    private static final Pattern UNSAFE = Pattern.compile("['\"`;\\\\\\s]");

    private final String name;
    private final String statement;

    public SqlTemplate(String name, String text) {
        this.name = requireNonNull(name, "name is null");
        this.statement = text.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"))
                .strip()
                .replaceAll(";$", "")
                .strip();
    }

    /** Reads {@code sql/<path>} from the jar, e.g. {@code trino/tables/top_tracks.sql}. */
    public static SqlTemplate load(String path) {
        String resource = "/sql/" + path;
        try (InputStream in = SqlTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw TaskException.notRetryable("the jar lacks " + resource + ": it was built without the repository's sql/");
            }
            return new SqlTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statement with every placeholder replaced; a placeholder without a value is a packaging error. */
    public String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(statement);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw TaskException.notRetryable(name + " uses ${" + matcher.group(1) + "}, which has no value");
            }
            if (UNSAFE.matcher(value).find()) {
                throw TaskException.notRetryable("'" + value + "' cannot be used in " + name
                        + ": quotes, semicolons, backslashes and spaces are not allowed in names and locations");
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
