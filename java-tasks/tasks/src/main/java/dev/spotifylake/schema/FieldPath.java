package dev.spotifylake.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

/**
 * A JSONPath of a mapping, compiled by the json-path library (which checks its syntax and normalizes it), and the
 * chain of object member names it walks. Mappings only need member chains, {@code $.album.release_date}; keeping
 * the names lets the flattener follow them in one streaming pass over each line instead of evaluating every path
 * against a document again.
 *
 * @param text the path as declared
 * @param compiled the library's compiled path
 * @param relative whether it starts at the current row ({@code @}) rather than at the line ({@code $})
 * @param names the member names from the start to the value
 */
public record FieldPath(String text, JsonPath compiled, boolean relative, List<String> names) {
    /** One step of json-path's normalized form: {@code ['name']}. */
    private static final Pattern MEMBER = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]");
    /** json-path over Jackson trees; a path that is not there reads as absent rather than failing. */
    private static final Configuration JSON_TREES = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    public FieldPath {
        names = List.copyOf(names);
    }

    /** Compiles a member chain such as {@code $.artist_id} or {@code @.album.images}; anything else is refused. */
    public static FieldPath of(String text) {
        JsonPath compiled = compile(text);
        String normalized = compiled.getPath();
        boolean relative = normalized.startsWith("@");
        if (!compiled.isDefinite()) {
            throw new IllegalArgumentException("'" + text + "' is not a definite path: a column takes one value");
        }
        return new FieldPath(text, compiled, relative, members(text, normalized.substring(1)));
    }

    /**
     * Compiles the path of a mapping's rows, {@code $.body.tracks[*]}: a member chain to an array whose every
     * element is one row. Answers the path of the array itself.
     */
    public static FieldPath ofArrayElements(String text) {
        String normalized = compile(text).getPath();
        if (!normalized.startsWith("$") || !normalized.endsWith("[*]")) {
            throw new IllegalArgumentException("'" + text + "' does not name every element of an array ($.a.b[*])");
        }
        String array = normalized.substring(0, normalized.length() - "[*]".length());
        return new FieldPath(text, compile(array), false, members(text, array.substring(1)));
    }

    /** Evaluates the path on a JSON tree with json-path: the node found there, or a missing node. */
    public JsonNode read(JsonNode document) {
        JsonNode found = compiled.read(document, JSON_TREES);
        return found == null ? MissingNode.getInstance() : found;
    }

    /** Whether the path names the line (or row) itself, {@code $}. */
    public boolean isRoot() {
        return names.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static JsonPath compile(String text) {
        try {
            return JsonPath.compile(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid JSONPath '" + text + "': " + e.getMessage(), e);
        }
    }

    private static List<String> members(String text, String steps) {
        List<String> names = new ArrayList<>();
        Matcher matcher = MEMBER.matcher(steps);
        int at = 0;
        while (at < steps.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not a chain of member names ($.a.b): "
                        + "array indexes, wildcards, filters and deep scans are not supported in a column");
            }
            names.add(matcher.group(1).replaceAll("\\\\(.)", "$1"));
            at = matcher.end();
        }
        return names;
    }
}
