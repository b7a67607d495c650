package org.backprop4j.cli.export;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import onnx.Onnx.ModelProto;
import org.backprop4j.backend.Backends;
import org.backprop4j.cli.common.CommonOptions;
import org.backprop4j.cli.common.ExitCode;
import org.backprop4j.cli.common.UserError;
import org.backprop4j.cli.eval.CheckpointOptions;
import org.backprop4j.cli.eval.PredictCommand;
import org.backprop4j.interop.onnx.OnnxExport;
import org.backprop4j.matrix.DType;
import org.backprop4j.models.Model;
import org.backprop4j.solver.Solver;
import org.backprop4j.solver.checkpoint.AtomicFile;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backprop4j export}: a checkpoint's model as NumPy's {@code .npz} and as ONNX. */
@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Export a checkpoint's model for use outside this program.",
        "--npz: np.savez's layout, np.load(FILE) gives model.params (W1, b1, ..., gamma1, beta1, ...), the batchnorm "
                + "running statistics as bn_params/<i>/running_mean and running_var, the configuration as the "
                + "JSON entry model.json; in the model's dtype, C order.",
        "--onnx: the test-time network as ONNX (IR version " + OnnxExport.IR_VERSION + ", opset " + OnnxExport.OPSET
                + "): input X (N, D), outputs scores and probabilities (N, C); Gemm, BatchNormalization in inference"
                + " form, Relu or Sigmoid, Softmax; dropout left out; in the model's dtype."})
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint, e.g. runs/<date-time>/best.ckpt.")
    Path checkpoint;

    @Option(names = "--npz", paramLabel = "FILE", description = "Write the parameters as NumPy's .npz here.")
    Path npz;

    @Option(names = "--onnx", paramLabel = "FILE", description = "Write the network as an ONNX model here.")
    Path onnx;

    @Override
    public Integer call() throws IOException {
        if (npz == null && onnx == null) {
            throw new UserError("export needs --npz FILE or --onnx FILE (or both): say what to write.");
        }
        CheckpointOptions.requireCheckpointFile(checkpoint, "export");
        if (npz != null) {
            PredictCommand.requireWritableFile("--npz", npz, "the .npz file");
        }
        if (onnx != null) {
            PredictCommand.requireWritableFile("--onnx", onnx, "the .onnx file");
            if (npz != null && npz.toAbsolutePath().normalize().equals(onnx.toAbsolutePath().normalize())) {
                throw new UserError("--npz and --onnx name the same file, " + npz + ": give each its own.");
            }
        }
        // the parameters are copied exactly whatever the backend; the pure loops need no native library
        Model model = Solver.loadModel(checkpoint, Backends.select(null));
        PrintWriter out = spec.commandLine().getOut();
        if (npz != null) {
            ModelNpz.write(model, npz);
            out.println("Wrote " + npz + " (" + model.spec().kind() + ", " + model.dtype() + ": "
                    + String.join(", ", model.params().names())
                    + (model.buffers().size() > 0 ? " and " + model.buffers().size() / 2 + " bn_params" : "") + ").");
        }
        if (onnx != null) {
            ModelProto graph = OnnxExport.graph(model);
            AtomicFile.write(onnx, graph::writeTo);
            out.println("Wrote " + onnx + " (ONNX opset " + OnnxExport.OPSET + ", " + model.dtype() + ": "
                    + graph.getGraph().getNodeList().stream().map(n -> n.getOpType()).toList() + ")"
                    + (model.spec().kind().equals("cnn") && model.dtype() == DType.FLOAT64
                            ? "; ONNX Runtime's CPU provider runs Conv in float32 only: train with --dtype float32 "
                                    + "for a graph it runs."
                            : "."));
        }
        out.flush();
        return ExitCode.OK;
    }
}
