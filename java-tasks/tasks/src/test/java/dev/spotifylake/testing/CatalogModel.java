package dev.spotifylake.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.spotifylake.engine.CatalogTable;

/**
 * What a catalog would hold after the statements the repair sends, in either dialect: tables with their columns and
 * location (from CREATE TABLE and ADD COLUMN(S)), and each partition's folder (from ADD PARTITION, SET LOCATION,
 * register_partition and unregister_partition). It answers the read-backs the way an engine does: the path of one
 * file of the folder a partition is registered at. For the fakes of Athena and of a query engine.
 */
public final class CatalogModel {
    private static final Pattern CREATE = Pattern.compile("(?s)^CREATE (?:EXTERNAL )?TABLE IF NOT EXISTS `?\\w+`?\\.`?(\\w+)`? \\((.*?)\\n\\)");
    private static final Pattern COLUMN = Pattern.compile("(?m)^\\s+(\\w+)\\s+([\\w()<>:,]+?),?$");
    private static final Pattern LOCATION = Pattern.compile("(?:LOCATION|external_location =) '([^']+)'");
    private static final Pattern ADD_COLUMNS = Pattern.compile("(?s)^ALTER TABLE `?\\w+`?\\.`?(\\w+)`? ADD (?:COLUMNS \\((.*)\\)|COLUMN (.*))$");
    private static final Pattern ATHENA_PARTITION = Pattern.compile(
            "(?s)^ALTER TABLE `\\w+`\\.`(\\w+)` (ADD IF NOT EXISTS )?PARTITION \\(dt = '([^']+)'\\) (?:SET )?LOCATION '([^']+?)/?'$");
    private static final Pattern TRINO_CALL = Pattern.compile(
            "(?s)^CALL system\\.(register|unregister)_partition\\(.*table_name => '(\\w+)'.*partition_values => ARRAY\\['([^']+)'\\]"
                    + "(?:.*location => '([^']+)')?");
    private static final Pattern PARTITION_FILE = Pattern.compile("FROM \"?`?\\w+\"?`?\\.\"?`?(\\w+)\"?`? WHERE dt = '([^']+)'");

    private final Map<String, CatalogTable> tables = new LinkedHashMap<>();
    private final Map<String, String> partitions = new HashMap<>();

    /** Takes a statement into account; answers false for one it does not model. */
    public synchronized boolean apply(String statement) {
        Matcher create = CREATE.matcher(statement);
        if (create.find()) {
            if (!tables.containsKey(create.group(1))) {
                Matcher location = LOCATION.matcher(statement);
                tables.put(create.group(1), new CatalogTable(location.find() ? location.group(1) : "", columns(create.group(2))));
            }
            return true;
        }
        Matcher partition = ATHENA_PARTITION.matcher(statement);
        if (partition.find()) {
            String key = partition.group(1) + "/" + partition.group(3);
            if (partition.group(2) == null) {
                partitions.put(key, partition.group(4));
            } else {
                partitions.putIfAbsent(key, partition.group(4));
            }
            return true;
        }
        Matcher call = TRINO_CALL.matcher(statement);
        if (call.find()) {
            String key = call.group(2) + "/" + call.group(3);
            if (call.group(1).equals("register")) {
                partitions.putIfAbsent(key, call.group(4));
            } else {
                partitions.remove(key);
            }
            return true;
        }
        Matcher add = ADD_COLUMNS.matcher(statement);
        if (add.find()) {
            CatalogTable table = tables.get(add.group(1));
            List<CatalogTable.Column> columns = new ArrayList<>(table.columns());
            columns.addAll(columns(add.group(2) != null ? add.group(2) : add.group(3)));
            tables.put(add.group(1), new CatalogTable(table.location(), columns));
            return true;
        }
        return false;
    }

    /** The rows an engine answers for a query: for a partition's file, one path in its folder, or no row. */
    public synchronized List<List<String>> query(String statement) {
        Matcher file = PARTITION_FILE.matcher(statement);
        if (!file.find()) {
            throw new IllegalArgumentException("not modelled: " + statement);
        }
        String folder = partitions.get(file.group(1) + "/" + file.group(2));
        return folder == null ? List.of() : List.of(List.of(folder + "/part-00000"));
    }

    public synchronized Optional<CatalogTable> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** A table as an older release made it, before the repair under test runs. */
    public synchronized CatalogModel withTable(String name, CatalogTable table) {
        tables.put(name, table);
        return this;
    }

    /** A partition registered at a folder (an s3:// URI without the final slash), as a test found the catalog. */
    public synchronized CatalogModel withPartition(String table, String dt, String folder) {
        partitions.put(table + "/" + dt, folder);
        return this;
    }

    public synchronized Optional<String> partition(String table, String dt) {
        return Optional.ofNullable(partitions.get(table + "/" + dt));
    }

    private static List<CatalogTable.Column> columns(String list) {
        List<CatalogTable.Column> columns = new ArrayList<>();
        Matcher column = COLUMN.matcher("\n" + list.replace(", ", ",\n    ").strip().replaceAll("^", "    "));
        while (column.find()) {
            if (!column.group(1).equals("dt")) {
                columns.add(new CatalogTable.Column(column.group(1), column.group(2)));
            }
        }
        return columns;
    }
}
