package org.backprop4j.tune.spark;

import java.io.Serializable;
import java.nio.file.Path;

import org.backprop4j.cli.tune.PlannedTrial;

/**
 * One trial as a Spark task receives it.
 *
 * @param folder the trial's run folder on the driver ({@code trial-NNN} of the search), which messages name
 */
record TrialTask(int index, double lr, double reg, int hidden, SettingsText settings, String folder)
        implements
            Serializable {

    static TrialTask of(PlannedTrial p) {
        return new TrialTask(p.index(), p.lr(), p.reg(), p.hidden(), SettingsText.of(p.settings()),
                p.settings().out().toString());
    }

    /** The trial again, writing into {@code out} on the executor. */
    PlannedTrial planned(Path out) {
        return new PlannedTrial(index, lr, reg, hidden, settings.toSettings(out));
    }

    /** The name of the run folder, {@code trial-NNN}. */
    String folderName() {
        return Path.of(folder).getFileName().toString();
    }
}
