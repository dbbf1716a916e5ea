package dev.spotifylake.localmysql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A subcommand's arguments: {@code --name value} options and the positional arguments between them. */
final class Arguments {

    private final Map<String, String> options;
    private final List<String> positionals;

    private Arguments(Map<String, String> options, List<String> positionals) {
        this.options = options;
        this.positionals = positionals;
    }

    static Arguments parse(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("option " + arg + " needs a value");
            }
            options.put(arg.substring(2), args.get(++i));
        }
        return new Arguments(options, List.copyOf(positionals));
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new UsageException("option --" + name + " is required"));
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(options.get(name));
    }

    List<String> positionals() {
        return positionals;
    }
}
