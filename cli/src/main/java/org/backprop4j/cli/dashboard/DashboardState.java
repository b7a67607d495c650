package org.backprop4j.cli.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the dashboard serves: the runs of a {@code train} (one) or a {@code tune} (one per trial), in order.
 * The page reads it as JSON from {@code /api/state}.
 */
public final class DashboardState {

    private final String kind;
    private final String title;
    private final List<RunState> runs = new CopyOnWriteArrayList<>();

    /**
     * @param kind  {@code train} or {@code tune}
     * @param title one line the page shows above the runs (the data, for instance)
     */
    public DashboardState(String kind, String title) {
        this.kind = kind;
        this.title = title;
    }

    /** Adds a run; its index in {@link #runs()} is its number in {@code /api/weights/N.png}. */
    public RunState add(RunState run) {
        runs.add(run);
        return run;
    }

    /** The runs, in the order added. */
    public List<RunState> runs() {
        return List.copyOf(runs);
    }

    /** {@code {"kind", "title", "runs": [RunState.json(), ...]}}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("title", title);
        m.put("runs", runs.stream().map(RunState::json).toList());
        return m;
    }
}
