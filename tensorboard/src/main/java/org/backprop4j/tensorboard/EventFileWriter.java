package org.backprop4j.tensorboard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.Value;

import org.backprop4j.tensorboard.proto.Event;
import org.backprop4j.tensorboard.proto.HParamsPluginData;
import org.backprop4j.tensorboard.proto.HistogramProto;
import org.backprop4j.tensorboard.proto.Summary;
import org.backprop4j.tensorboard.proto.SummaryMetadata;
import org.backprop4j.tensorboard.proto.TensorProto;

/**
 * One TensorBoard event file, {@code events.out.tfevents.<seconds>.backprop4j} in a log directory: a
 * {@code brain.Event:2} record, then one {@link Event} per value written (TFRecord-framed, see {@link TfRecord}).
 * TensorBoard shows each log directory as a run; {@link #flush} makes what was written visible to it.
 */
public final class EventFileWriter implements Closeable {

    /** The event-file format version TensorBoard reads. */
    public static final String FILE_VERSION = "brain.Event:2";

    /** The hparams plugin's name and the tags of its summaries. */
    public static final String HPARAMS_PLUGIN = "hparams";
    /** The tag of the experiment summary (in the experiment's own log directory). */
    public static final String EXPERIMENT_TAG = "_hparams_/experiment";
    /** The tag of a session's start (in the session's log directory). */
    public static final String SESSION_START_TAG = "_hparams_/session_start_info";
    /** The tag of a session's end. */
    public static final String SESSION_END_TAG = "_hparams_/session_end_info";

    private final Path file;
    private final OutputStream out;

    /**
     * Creates {@code dir} if needed and a new event file in it.
     *
     * @throws IOException if the directory or file cannot be created
     */
    public EventFileWriter(Path dir) throws IOException {
        Files.createDirectories(dir);
        long now = System.currentTimeMillis();
        Path f = dir.resolve("events.out.tfevents." + now / 1000 + ".backprop4j");
        for (int k = 2; Files.exists(f); k++) {
            f = dir.resolve("events.out.tfevents." + now / 1000 + ".backprop4j." + k);
        }
        this.file = f;
        this.out = new BufferedOutputStream(Files.newOutputStream(f));
        write(Event.newBuilder().setWallTime(now / 1000.0).setFileVersion(FILE_VERSION).build());
    }

    /** The event file. */
    public Path file() {
        return file;
    }

    /** A scalar (TensorBoard's Scalars tab), as a 32-bit float as the format holds it. */
    public void scalar(String tag, long step, double value) throws IOException {
        summary(step, Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value).build());
    }

    /**
     * A histogram (the Histograms and Distributions tabs) from its statistics: bucket {@code k} counts
     * {@code counts[k]} values up to {@code limits[k]} (and above the previous limit).
     */
    public void histogram(String tag, long step, double min, double max, double num, double sum, double sumSquares,
            double[] limits, double[] counts) throws IOException {
        HistogramProto.Builder h = HistogramProto.newBuilder().setMin(min).setMax(max).setNum(num).setSum(sum)
                .setSumSquares(sumSquares);
        for (int k = 0; k < limits.length; k++) {
            h.addBucketLimit(limits[k]).addBucket(counts[k]);
        }
        summary(step, Summary.Value.newBuilder().setTag(tag).setHisto(h).build());
    }

    /**
     * An image (the Images tab).
     *
     * @param png        the PNG file's bytes
     * @param colorspace 1 for grayscale, 3 for RGB
     */
    public void image(String tag, long step, byte[] png, int height, int width, int colorspace) throws IOException {
        summary(step, Summary.Value.newBuilder().setTag(tag).setImage(Summary.Image.newBuilder().setHeight(height)
                .setWidth(width).setColorspace(colorspace).setEncodedImageString(ByteString.copyFrom(png))).build());
    }

    /**
     * A summary of the hparams plugin (the HParams tab): {@code data} under {@code tag}, one of
     * {@link #EXPERIMENT_TAG}, {@link #SESSION_START_TAG}, {@link #SESSION_END_TAG}.
     */
    public void hparams(String tag, HParamsPluginData data) throws IOException {
        SummaryMetadata metadata = SummaryMetadata.newBuilder().setPluginData(SummaryMetadata.PluginData
                .newBuilder().setPluginName(HPARAMS_PLUGIN).setContent(data.toByteString())).build();
        // the plugin reads the metadata; the value is an empty float tensor, as TensorBoard's own writer puts there
        summary(0, Summary.Value.newBuilder().setTag(tag).setMetadata(metadata)
                .setTensor(TensorProto.newBuilder().setDtype(1)).build());
    }

    /** Writes what is buffered to the file. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void summary(long step, Summary.Value value) throws IOException {
        write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step)
                .setSummary(Summary.newBuilder().addValue(value)).build());
    }

    private void write(Event e) throws IOException {
        TfRecord.write(out, e.toByteArray());
    }

    /** The Struct values of a session's hyper-parameters: numbers as numbers, the rest as text. */
    public static Map<String, Value> values(Map<String, Object> hparams) {
        Map<String, Value> m = new LinkedHashMap<>();
        hparams.forEach((k, v) -> m.put(k, v instanceof Number n
                ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
                : v instanceof Boolean b
                        ? Value.newBuilder().setBoolValue(b).build()
                        : Value.newBuilder().setStringValue(String.valueOf(v)).build()));
        return m;
    }
}
