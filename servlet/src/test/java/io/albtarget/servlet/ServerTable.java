package io.albtarget.servlet;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each server did with each case, collected by a test class and printed as a Markdown table after it. */
final class ServerTable {

    private final Map<TestServers, Map<String, String>> cells = new EnumMap<>(TestServers.class);

    synchronized void put(TestServers server, String row, String cell) {
        cells.computeIfAbsent(server, s -> new LinkedHashMap<>()).put(row, cell);
    }

    /** The table's rows, in the given order, one column per selected server; "-" for a case not run. */
    synchronized List<String> rows(List<String> names) {
        List<TestServers> servers = TestServers.selected().toList();
        return names.stream().map(name -> {
            StringBuilder row = new StringBuilder("| ").append(name);
            servers.forEach(server -> row.append(" | ")
                    .append(cells.getOrDefault(server, Map.of()).getOrDefault(name, "-")));
            return row.append(" |").toString();
        }).toList();
    }

    /** The whole table, with its header, under a title line. */
    String render(String title, String firstColumn, List<String> names) {
        List<TestServers> servers = TestServers.selected().toList();
        StringBuilder table = new StringBuilder(title).append("\n| ").append(firstColumn).append(" |");
        servers.forEach(server -> table.append(' ').append(server).append(" |"));
        table.append("\n|---|").append("---|".repeat(servers.size())).append('\n');
        rows(names).forEach(row -> table.append(row).append('\n'));
        return table.toString();
    }
}
