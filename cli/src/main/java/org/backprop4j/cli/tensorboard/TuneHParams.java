package org.backprop4j.cli.tensorboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.backprop4j.tensorboard.EventFileWriter;
import org.backprop4j.tensorboard.proto.DataType;
import org.backprop4j.tensorboard.proto.DatasetType;
import org.backprop4j.tensorboard.proto.Experiment;
import org.backprop4j.tensorboard.proto.HParamInfo;
import org.backprop4j.tensorboard.proto.HParamsPluginData;
import org.backprop4j.tensorboard.proto.MetricInfo;
import org.backprop4j.tensorboard.proto.MetricName;
import org.backprop4j.tensorboard.proto.SessionEndInfo;
import org.backprop4j.tensorboard.proto.SessionStartInfo;
import org.backprop4j.tensorboard.proto.Status;

/**
 * {@code tune --tensorboard}: the search as TensorBoard's HParams tab shows it. The log directory holds the
 * experiment (the searched hyper-parameters and the metrics {@code accuracy/val} and {@code accuracy/train}); each
 * trial is a session in its own subdirectory, where its run's {@link TensorBoardLog} writes the metrics and this
 * writes the session's hyper-parameters at its start and its status at its end.
 */
public final class TuneHParams {

    /** The metrics each session's run records, by the tags of {@link TensorBoardLog}. */
    static final List<String> METRICS = List.of("accuracy/val", "accuracy/train");

    private TuneHParams() {
    }

    /** Writes the experiment summary into {@code root}: the hyper-parameters searched, all numbers. */
    public static void experiment(Path root, List<String> hparams) throws IOException {
        Experiment.Builder e = Experiment.newBuilder().setTimeCreatedSecs(System.currentTimeMillis() / 1000.0);
        for (String h : hparams) {
            e.addHparamInfos(HParamInfo.newBuilder().setName(h).setType(DataType.DATA_TYPE_FLOAT64));
        }
        for (String m : METRICS) {
            e.addMetricInfos(MetricInfo.newBuilder().setName(MetricName.newBuilder().setTag(m))
                    .setDatasetType(m.endsWith("val") ? DatasetType.DATASET_VALIDATION : DatasetType.DATASET_TRAINING));
        }
        write(root, EventFileWriter.EXPERIMENT_TAG, HParamsPluginData.newBuilder().setExperiment(e).build());
    }

    /** Writes a session's start into its directory, with its hyper-parameters' values. */
    public static void sessionStart(Path session, Map<String, Object> hparams) throws IOException {
        write(session, EventFileWriter.SESSION_START_TAG, HParamsPluginData.newBuilder().setSessionStartInfo(
                SessionStartInfo.newBuilder().putAllHparams(EventFileWriter.values(hparams))
                        .setStartTimeSecs(System.currentTimeMillis() / 1000.0))
                .build());
    }

    /** Writes a session's end: a success, or a failure (a trial that diverged or failed). */
    public static void sessionEnd(Path session, boolean ok) throws IOException {
        write(session, EventFileWriter.SESSION_END_TAG, HParamsPluginData.newBuilder().setSessionEndInfo(
                SessionEndInfo.newBuilder().setStatus(ok ? Status.STATUS_SUCCESS : Status.STATUS_FAILURE)
                        .setEndTimeSecs(System.currentTimeMillis() / 1000.0))
                .build());
    }

    private static void write(Path dir, String tag, HParamsPluginData data) throws IOException {
        try (EventFileWriter w = new EventFileWriter(dir)) {
            w.hparams(tag, data);
        }
    }
}
