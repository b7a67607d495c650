package org.backprop4j.cli.backends;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.backprop4j.backend.BackendInfo;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.Json;
import org.backprop4j.matrix.DType;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backprop4j backends}: every discovered backend, whether it starts, and which one is chosen now. */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List the backends: availability (and why not), dtypes, priority, and which one would be used.")
public final class BackendsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME", description = "A backend named on the command line, as other commands take it.")
    String backend;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackendRegistry registry = Backends.registry();
        List<BackendInfo> infos = registry.list();
        String chosen;
        String source;
        try {
            BackendRegistry.Choice c = registry.choose(backend, System::getProperty, System::getenv);
            registry.get(c.name());
            chosen = c.name().toLowerCase(Locale.ROOT);
            source = c.source();
        } catch (IllegalArgumentException e) {
            chosen = null;
            source = e.getMessage();
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Map<String, Object>> list = new ArrayList<>();
            for (BackendInfo i : infos) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("name", i.name());
                b.put("available", i.available());
                if (!i.available()) {
                    b.put("reason", i.reason());
                }
                b.put("dtypes", i.dtypes().stream().map(DType::numpyName).collect(Collectors.toList()));
                b.put("priority", i.priority());
                b.put("description", i.description());
                list.add(b);
            }
            m.put("backends", list);
            m.put("chosen", chosen);
            m.put("chosen_because", source);
            if (!registry.loadProblems().isEmpty()) {
                m.put("problems", registry.loadProblems());
            }
            out.println(Json.write(m));
        } else {
            out.println(String.format("%-2s%-8s %-11s %-17s %8s  %s", "", "backend", "available", "dtypes", "priority",
                    "description"));
            for (BackendInfo i : infos) {
                String mark = i.name().equals(chosen) ? "*" : "";
                out.println(String.format("%-2s%-8s %-11s %-17s %8d  %s", mark, i.name(), i.available() ? "yes" : "NO",
                        i.dtypes().stream().map(DType::numpyName).collect(Collectors.joining(",")), i.priority(),
                        i.description()));
                if (!i.available()) {
                    out.println("            reason: " + i.reason());
                }
            }
            out.println();
            out.println(chosen == null
                    ? "No backend would be used: " + source
                    : "* would be used now: " + chosen + " (" + source + ")");
            out.println("Choose with --backend NAME, -D" + BackendRegistry.PROPERTY + "=NAME or "
                    + BackendRegistry.ENVIRONMENT + "=NAME.");
            registry.loadProblems().forEach(p -> out.println("problem: " + p));
        }
        out.flush();
        return chosen == null ? ExitCode.USAGE : ExitCode.OK;
    }
}
